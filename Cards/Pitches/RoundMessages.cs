using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Cards.Pitches;

/// <summary>
/// The pitch round's chat messages: announcements, timer alerts and plan problems, in the
/// reader's language (the refusals are <see cref="SessionMessages.Refusal"/>'s). Group messages
/// name a pitch only as the group may see it.
/// </summary>
public static class RoundMessages
{
    /// <summary>Why a typed or filled-in plan could not be made.</summary>
    public static string PlanProblem(Text text, PlanProblem problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"PlanProblem{problem}"];
    }

    /// <summary>A session was planned: the message that goes with its card.</summary>
    public static string Planned(Text text, Session session)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(session);
        var kind = SessionCard.KindName(text, session.Kind);
        return session.PlannedFor is { } when ? text.Format("RoundPlannedAnnouncement", kind, PitchText.When(text, when)) : text.Format("RoundPlannedNoTime", kind);
    }

    /// <summary>The answer to "Stel je vraag vooraf" pressed in a group: the card went to the 1:1 chat.</summary>
    public static string PitchFormSent(Text text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["PitchFormSent"];
    }

    /// <summary>The message to post in the group for an event, or null when the updated card says enough.</summary>
    public static Announcement? For(Text text, SessionEvent sessionEvent, SessionView view)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(view);
        return sessionEvent switch
        {
            PitchUp up => PitchUp(text, up.Pitch, view.Session),
            RoundFinished => new Announcement(text["RoundFinishedNotice"], []),
            NoteTaken taken => new Announcement(
                taken.Note.Record.Tags.Count == 0
                    ? text["NoteTakenNotice"]
                    : text.Format("NoteTakenTagged", string.Join(", ", taken.Note.Record.Tags.Select(t => PitchText.NoteTag(text, t)))),
                []),
            _ => null,
        };
    }

    /// <summary>A timer alert for the group; says so when it comes late (the bot was away).</summary>
    public static string Alert(Text text, TimerAlert alert, bool late, PitchTimer timer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(timer);
        var message = (alert.Id.Kind, alert.Id.Phase) switch
        {
            (AlertKind.Warning, var phase) => text.Format($"TimerWarning{phase}", (int)Math.Ceiling(timer.WarningBefore.TotalMinutes)),
            (_, TimerPhase.Pitch) => text.Format("TimerTimeUpPitch", (int)Math.Round(timer.AnswersDuration.TotalMinutes)),
            _ => text["TimerTimeUpAnswers"],
        };
        return late ? text.Format("TimerLate", message) : message;
    }

    private static Announcement PitchUp(Text text, Pitch pitch, Session session)
    {
        if (PitchAudience.CanSeeAuthor(pitch, session, null))
        {
            var mention = new Mention(pitch.AuthorKey, pitch.AuthorName);
            return new Announcement(text.Format("RoundPitchUp", mention.Text), [mention]);
        }

        return new Announcement(text.Format("RoundPitchUp", PitchText.Title(text, pitch, session, null)), []);
    }
}
