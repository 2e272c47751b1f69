using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// What one person may do in the pitch round right now, read from <see cref="RoundRules"/> (so a
/// button is shown exactly when pressing it would be accepted).
/// </summary>
public sealed record RoundPermissions
{
    private static readonly PitchContent Probe = new("x", null, null, null);

    /// <summary>Send a pitch (before the session: also edit it).</summary>
    public bool SubmitPitch { get; init; }

    /// <summary>"Ik kom enkel luisteren" (before the session).</summary>
    public bool ListenOnly { get; init; }

    public bool WithdrawPitch { get; init; }

    public bool NextPitch { get; init; }

    /// <summary>Waiting pitches the moderator may move up, down, skip or pick (ids).</summary>
    public IReadOnlyList<string> MoveUp { get; init; } = [];

    public IReadOnlyList<string> MoveDown { get; init; } = [];

    public IReadOnlyList<string> Skip { get; init; } = [];

    public IReadOnlyList<string> Pick { get; init; } = [];

    /// <summary>The current pitch, when the person may answer it.</summary>
    public string? Answer { get; init; }

    /// <summary>Their own pitch, up now or earlier, whose next step they may note.</summary>
    public string? NextStep { get; init; }

    public IReadOnlyList<TimerControl> Timer { get; init; } = [];

    public IReadOnlyList<Note> Strike { get; init; } = [];

    public static RoundPermissions For(Session session, SessionRecords records, string person)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(records);
        bool May(RoundCommand command) => RoundRules.Refusal(session, records, command, person) is null;
        var waiting = PitchQueue.Waiting(session.Round, records);
        var candidates = waiting.Concat(PitchQueue.Skipped(session.Round, records)).Select(p => p.Id).ToList();
        var own = records.PitchOf(person);
        return new RoundPermissions
        {
            SubmitPitch = May(new SubmitPitch(Probe, PitchVisibility.Group)),
            ListenOnly = May(new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true)),
            WithdrawPitch = May(new WithdrawPitch()),
            NextPitch = May(new NextPitch()),
            MoveUp = [.. waiting.Select(p => p.Id).Where(id => May(new MovePitch(id, MoveDirection.Up)))],
            MoveDown = [.. waiting.Select(p => p.Id).Where(id => May(new MovePitch(id, MoveDirection.Down)))],
            Skip = [.. waiting.Select(p => p.Id).Where(id => May(new SkipPitch(id)))],
            Pick = [.. candidates.Where(id => May(new PickPitch(id)))],
            Answer = session.Round.Current is { } current && May(new AnswerPitch(current, AnswerKind.Tip, "x")) ? current : null,
            NextStep = own is not null && May(new NoteNextStep(own.Id, "x")) ? own.Id : null,
            Timer = [.. Enum.GetValues<TimerControl>().Where(c => May(new ControlTimer(c)))],
            Strike = [.. records.Notes.Where(n => May(new StrikeNote(n.Id)))],
        };
    }
}
