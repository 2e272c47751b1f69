using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>The outcome of one round command: accepted (a record to append, or a new head) or refused.</summary>
public abstract record RoundDecision;

/// <summary>
/// Accepted. Exactly one of two things changed, never both: either <see cref="Item"/> is a new
/// record to append (create-only, keyed by the activity id; the head stays as it was, so the Bot
/// does not write it), or <see cref="Item"/> is null and <see cref="State"/> is the new head to
/// commit with If-Match.
/// </summary>
/// <param name="State">The head after the command (the same instance when only a record was made).</param>
/// <param name="Item">The record to append, or null.</param>
/// <param name="Events">What happened, for the Bot to carry out; the last is always <see cref="CardChanged"/>.</param>
public sealed record RoundAccepted(Session State, SessionItem? Item, IReadOnlyList<SessionEvent> Events) : RoundDecision;

/// <param name="Reason">Why, for a friendly reply in the reader's language.</param>
/// <param name="Limit">For <see cref="RoundRefusal.TextTooLong"/>: the limit to mention.</param>
public sealed record RoundRefused(RoundRefusal Reason, int? Limit = null) : RoundDecision;

public enum RoundRefusal
{
    NoSession,
    SessionClosed,

    /// <summary>The session is planned: this can only happen once it runs.</summary>
    NotOpenYet,

    /// <summary>The session runs already: this was for before ("enkel luisteren" is checking in with "Ik luister mee" now).</summary>
    AlreadyStarted,

    /// <summary>The actor has not checked in (or left).</summary>
    NotPresent,

    OnlyModerator,

    /// <summary>Only the pitcher notes their next step.</summary>
    OnlyPitcher,

    /// <summary>Only the timekeeper and the moderator control the timer.</summary>
    OnlyTimekeeper,

    /// <summary>Only the chat-scribe forwards lines with "noteer".</summary>
    OnlyScribe,

    /// <summary>Only the chat-scribe and the moderator strike notes.</summary>
    OnlyScribeOrModerator,

    /// <summary>A pitch with none of the four questions answered.</summary>
    EmptyPitch,

    EmptyText,

    /// <summary>A text over its limit (<see cref="RoundRefused.Limit"/>).</summary>
    TextTooLong,

    /// <summary>One pitch per person per session: theirs is in already.</summary>
    AlreadyPitched,

    NoPitchToWithdraw,

    /// <summary>The pitch is up, or was: it can no longer be withdrawn, moved or skipped.</summary>
    PitchAlreadyUp,

    UnknownPitch,

    /// <summary>The pitch is not waiting in the queue (it was skipped).</summary>
    NotInQueue,

    /// <summary>Already first (up) or last (down).</summary>
    CannotMove,

    /// <summary>Nothing waits and nothing is up.</summary>
    QueueEmpty,

    /// <summary>The pitch has not come up yet: answers and next steps wait until it does.</summary>
    PitchNotUp,

    /// <summary>Pitchers do not answer their own pitch (they note their next step).</summary>
    OwnPitch,

    NoCurrentPitch,
    TimerRunning,
    TimerPaused,
    TimerNotRunning,
    TimerNotPaused,

    /// <summary>No timer runs or waits for the current pitch.</summary>
    NoTimer,

    UnknownNote,
    NoteAlreadyStruck,
}

/// <summary>A pitch was sent or edited (or "enkel luisteren" chosen): in a 1:1 chat, answer with the saved pitch card.</summary>
public sealed record PitchSaved(Pitch Pitch, bool Edited) : SessionEvent;

public sealed record PitchWithdrawn(Pitch Pitch) : SessionEvent;

/// <summary>"Volgende pitch": announce it and post the answer card, at the pitch's visibility.</summary>
public sealed record PitchUp(Pitch Pitch) : SessionEvent;

/// <summary>The last pitch ended and nothing waits.</summary>
public sealed record RoundFinished : SessionEvent;

public sealed record AnswerGiven(AnswerRecord Answer) : SessionEvent;

public sealed record NextStepNoted(NextStepRecord NextStep) : SessionEvent;

/// <summary>The timer changed: schedule reminders for <see cref="TimerAlerts.Upcoming"/> (earlier ones are stale now).</summary>
public sealed record TimerChanged(PitchTimer Timer) : SessionEvent;

/// <summary>A note was taken: confirm briefly to whoever wrote the line.</summary>
public sealed record NoteTaken(Note Note) : SessionEvent;

public sealed record NoteStruck(string NoteId) : SessionEvent;
