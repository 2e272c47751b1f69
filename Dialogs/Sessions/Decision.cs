using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// The outcome of one command, from <see cref="SessionDecider"/> or <see cref="RoundDecider"/>:
/// accepted (a new state, or a record to append, and what happened) or refused (nothing changes).
/// </summary>
public abstract record Decision;

/// <param name="State">The new state, to write (for a round command that made a record: the head as it was, the same instance).</param>
/// <param name="Events">What happened, for the Bot to carry out (update the card, announce, ...); after a round command the last is always <see cref="CardChanged"/>.</param>
public sealed record Accepted(Session State, IReadOnlyList<SessionEvent> Events) : Decision
{
    /// <summary>
    /// The record to append, or null. Exactly one of two things changed, never both: either this
    /// is a new record to append (create-only, keyed by the activity id; the head stays as it was,
    /// so the Bot does not write it), or this is null and <see cref="State"/> is the new head to
    /// commit with If-Match. Only <see cref="RoundDecider"/> makes records.
    /// </summary>
    public SessionItem? Item { get; init; }
}

/// <param name="Reason">Why, for a friendly reply in the reader's language.</param>
/// <param name="State">The unchanged state (for <see cref="RefusalReason.AlreadyOpen"/>: the open session to point to); null from <see cref="RoundDecider"/>.</param>
public sealed record Refused(RefusalReason Reason, Session? State = null) : Decision
{
    /// <summary>For <see cref="RefusalReason.TextTooLong"/>: the limit to mention.</summary>
    public int? Limit { get; init; }
}

public enum RefusalReason
{
    /// <summary>There is no session in this conversation.</summary>
    NoSession,

    /// <summary>A session is open in this conversation already: the refusal points to it.</summary>
    AlreadyOpen,

    /// <summary>A session is planned in this conversation already.</summary>
    AlreadyPlanned,

    /// <summary>The title is longer than <see cref="SessionRules.MaxTitleLength"/>.</summary>
    TitleTooLong,

    /// <summary>The session is planned and has not started yet: this can only happen once it runs.</summary>
    NotOpenYet,

    SessionClosed,
    OnlyModerator,

    /// <summary>The actor has not checked in (or left).</summary>
    NotPresent,

    AlreadyCheckedIn,

    /// <summary>Someone else holds that role.</summary>
    RoleTaken,

    AlreadyYourRole,
    NotYourRole,
    RoleAlreadyFree,

    /// <summary>The person the moderator chose is not here.</summary>
    TargetNotPresent,

    /// <summary>The person the moderator chose said "niet deze keer".</summary>
    TargetOptedOut,

    TargetHoldsRole,
    AlreadyModerator,

    /// <summary>Moderation can only be taken over when the moderator left.</summary>
    ModeratorStillHere,

    NoFreeRoles,

    /// <summary>Nobody who checked in can get a role (everyone left or said "niet deze keer").</summary>
    NobodyAvailable,

    AlreadyOptedOut,
    NotOptedOut,
    NoCloseRequested,

    // The pitch round, its timer and its notes (RoundRules).

    /// <summary>The session runs already: this was for before ("enkel luisteren" is checking in with "Ik luister mee" now).</summary>
    AlreadyStarted,

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

    /// <summary>A text over its limit (<see cref="Refused.Limit"/>).</summary>
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

/// <summary>What happened: the Bot updates the card, announces, or (later) writes the summary.</summary>
public abstract record SessionEvent;

/// <summary>A new session (or a planned one now open): post its live card.</summary>
public sealed record SessionStarted(Session Session) : SessionEvent;

/// <summary>A session was planned: post its card.</summary>
public sealed record SessionPlanned(Session Session) : SessionEvent;

/// <summary>The live card shows something new: update it for everyone.</summary>
public sealed record CardChanged : SessionEvent;

/// <summary>The rotation divided the roles: announce who does what and why, with @mentions.</summary>
public sealed record RolesDivided(IReadOnlyList<RoleAssignment> Assignments) : SessionEvent;

/// <summary>A person took or was given a role (by themselves or by the moderator).</summary>
public sealed record RoleGiven(Role Role, string Person, string? PreviousHolder, bool ByModerator) : SessionEvent;

/// <summary>A role became free (given back, taken back, or its holder left or opted out).</summary>
public sealed record RoleFreed(Role Role, string Person) : SessionEvent;

public sealed record ModeratorChanged(string From, string To) : SessionEvent;

/// <summary>The moderator left: the card says so and anyone here may take over.</summary>
public sealed record ModeratorLeft(string Person) : SessionEvent;

public sealed record SessionClosed(Session Session) : SessionEvent;
