using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>The outcome of one command: accepted (a new state and what happened) or refused (nothing changes).</summary>
public abstract record Decision;

/// <param name="State">The new state, to write.</param>
/// <param name="Events">What happened, for the Bot to carry out (update the card, announce, ...).</param>
public sealed record Accepted(Session State, IReadOnlyList<SessionEvent> Events) : Decision;

/// <param name="Reason">Why, for a friendly reply in the reader's language.</param>
/// <param name="State">The unchanged state (for <see cref="RefusalReason.AlreadyOpen"/>: the open session to point to).</param>
public sealed record Refused(RefusalReason Reason, Session? State) : Decision;

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

    /// <summary>The session is planned and has not started yet.</summary>
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
