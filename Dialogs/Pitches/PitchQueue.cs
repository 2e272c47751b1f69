using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// The queue of pitches waiting for their turn, computed from the pitches (records) and the
/// round (head): pre-submitted pitches first, then live ones, each in the order they came in;
/// the moderator's arrangement (<see cref="PitchRound.Order"/>) goes before that. Skipped,
/// presented, withdrawn and "enkel luisteren" pitches are not in it.
/// </summary>
public static class PitchQueue
{
    public static IReadOnlyList<Pitch> Waiting(PitchRound round, SessionRecords records)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(records);
        var waiting = records.Pitches
            .Where(p => p.IsActive() && p.Id != round.Current && !round.IsPresented(p.Id) && !round.Skipped.Contains(p.Id))
            .ToDictionary(p => p.Id, StringComparer.Ordinal);
        var arranged = round.Order.Where(waiting.ContainsKey).Distinct(StringComparer.Ordinal).Select(id => waiting[id]).ToList();
        var rest = waiting.Values
            .Where(p => !round.Order.Contains(p.Id))
            .OrderBy(p => p.Source)
            .ThenBy(p => p.SubmittedAt)
            .ThenBy(p => p.Id, StringComparer.Ordinal);
        return [.. arranged, .. rest];
    }

    /// <summary>Skipped pitches (still active), in the order they were skipped.</summary>
    public static IReadOnlyList<Pitch> Skipped(PitchRound round, SessionRecords records)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(records);
        return [.. round.Skipped.Select(records.FindPitch).OfType<Pitch>().Where(p => p.IsActive() && p.Id != round.Current && !round.IsPresented(p.Id))];
    }

    /// <summary>Pitches that came up, in that order (the current one last).</summary>
    public static IReadOnlyList<Pitch> Presented(PitchRound round, SessionRecords records)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(records);
        return [.. round.Presented.Select(records.FindPitch).OfType<Pitch>()];
    }

    public static Pitch? Current(PitchRound round, SessionRecords records)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(records);
        return round.Current is { } id ? records.FindPitch(id) : null;
    }

    /// <summary>The round with <paramref name="pitchId"/> moved one place up or down the queue (the whole queue becomes the arrangement).</summary>
    internal static PitchRound Move(PitchRound round, SessionRecords records, string pitchId, MoveDirection direction)
    {
        var ids = Waiting(round, records).Select(p => p.Id).ToList();
        var index = ids.IndexOf(pitchId);
        var other = direction == MoveDirection.Up ? index - 1 : index + 1;
        (ids[index], ids[other]) = (ids[other], ids[index]);
        return round with { Order = [.. ids] };
    }
}
