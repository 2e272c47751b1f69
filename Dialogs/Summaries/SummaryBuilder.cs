using System.Collections.Immutable;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Summaries;

/// <summary>
/// Builds the summary of a closed session from its head and records, for one audience, in one
/// pass over the pitches, answers and notes (answers are looked up per pitch, never searched).
/// </summary>
public static class SummaryBuilder
{
    public static SessionSummary Build(Session session, SessionRecords records, SummaryAudience audience)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(records);
        var closedAt = session.ClosedAt ?? throw new ArgumentException("Only a closed session has a summary.", nameof(session));

        // The audience as a viewer: the group is nobody in particular; the facilitators see what the moderator sees.
        var viewer = audience == SummaryAudience.Group ? null : session.Moderator;
        var pitches = Ordered(session, records)
            .Where(p => PitchAudience.CanSeeContent(p.Pitch, session, viewer))
            .Select((p, index) => Summarize(p.Pitch, p.Presented, index + 1, session, records, viewer))
            .ToImmutableList();
        var notes = records.Notes
            .Where(n => !n.Struck)
            .Select(n => new SummaryNote(n.Record.Tags, n.Record.Text, n.Record.At))
            .ToImmutableList();
        var links = pitches
            .SelectMany(p => p.Content.Fields().Select(f => f.Value).Concat(p.Answers.Select(a => a.Text)).Append(p.NextStep))
            .SelectMany(Links.In)
            .Concat(records.Notes.Where(n => !n.Struck).SelectMany(n => n.Record.Links.Where(Links.IsWebLink)))
            .Distinct(StringComparer.Ordinal)
            .ToImmutableList();
        return new SessionSummary
        {
            Audience = audience,
            SessionId = session.Id,
            Kind = session.Kind,
            Title = session.Title,
            PlannedFor = session.PlannedFor,
            OpenedAt = session.OpenedAt,
            ClosedAt = closedAt,
            Attendance = Attendance(session, pitches.Count(p => p.Presented)),
            Pitches = pitches,
            Notes = notes,
            Links = links,
        };
    }

    /// <summary>A recap for each pitcher whose pitch is in the session (came up or not), for a 1:1 message.</summary>
    public static IReadOnlyList<PitchRecap> Recaps(Session session, SessionRecords records)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(records);
        var heldOn = session.OpenedAt ?? session.PlannedFor ?? session.ClosedAt ?? session.CreatedAt;
        return
        [
            .. Ordered(session, records).Select((p, index) => new PitchRecap(
                p.Pitch.AuthorKey,
                session.Id,
                session.Kind,
                session.Title,
                heldOn,

                // The recap speaks to the pitcher ("jouw pitch"): no name needed, so none is given.
                Summarize(p.Pitch, p.Presented, index + 1, session, records, p.Pitch.AuthorKey) with { AuthorName = null })),
        ];
    }

    /// <summary>The active pitches: those that came up in that order, then the rest in queue order.</summary>
    private static IEnumerable<(Pitch Pitch, bool Presented)> Ordered(Session session, SessionRecords records)
    {
        var round = session.Round;
        return PitchQueue.Presented(round, records).Where(p => p.IsActive()).Select(p => (p, true))
            .Concat(PitchQueue.Waiting(round, records).Concat(PitchQueue.Skipped(round, records)).Select(p => (p, false)));
    }

    private static SummaryPitch Summarize(Pitch pitch, bool presented, int number, Session session, SessionRecords records, string? viewer) =>
        new()
        {
            Number = number,
            Visibility = pitch.Visibility,
            AuthorName = PitchAudience.CanSeeAuthor(pitch, session, viewer) ? pitch.AuthorName : null,
            Content = pitch.Content,
            Presented = presented,
            NextStep = records.NextStepOf(pitch.Id)?.Text,
            Answers = [.. records.AnswersTo(pitch.Id).Select(a => new SummaryAnswer(a.Kind, a.Text, a.AuthorName, a.At))],
        };

    private static SummaryAttendance Attendance(Session session, int pitched)
    {
        var people = session.Participants;
        var roles = RoleList.All
            .Select(role => new SummaryRole(
                role,
                [.. session.RoleLog.Where(s => s.Role == role).Select(s => session.Find(s.Person)?.Name).OfType<string>().Distinct(StringComparer.Ordinal)]))
            .ToImmutableList();
        return new SummaryAttendance(
            Total: people.Count,
            Present: people.Count(p => p.Presence == Presence.Present),
            Listened: people.Count(p => p.Presence == Presence.Listening),
            Left: people.Count(p => p.Presence == Presence.Left),
            Pitched: pitched,
            ModeratorName: session.Find(session.Moderator)?.Name,
            Roles: roles);
    }
}
