using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>Who does something: an opaque person key (the Bot's user id) and a display name.</summary>
public sealed record Actor(string Key, string Name);

/// <summary>
/// Something a person asks of a session: typed, from a card button, or from a meeting event.
/// <see cref="SessionDecider"/> decides these; the pitch round's, the timer's and the notes'
/// commands derive from <see cref="Pitches.RoundCommand"/> and go to <see cref="Pitches.RoundDecider"/>.
/// </summary>
public abstract record SessionCommand;

/// <summary>
/// Start a session now: a new one (the id is made by the caller), or the planned one of this
/// conversation. The starter moderates and is checked in.
/// </summary>
public sealed record Start(string SessionId, SessionKind Kind, string? Title, string ConversationKey) : SessionCommand;

/// <summary>
/// Plan a session for later: nobody checks in until it starts; the planner moderates. Until then
/// participants can send their pitch in a 1:1 chat (see <see cref="PlanRequest"/> for the typed form).
/// </summary>
public sealed record Plan(string SessionId, SessionKind Kind, string? Title, string ConversationKey, DateTimeOffset? StartsAt = null) : SessionCommand;

/// <summary>The Bot posted the live card: remember its activity id to update it later.</summary>
public sealed record RecordCard(string ActivityId) : SessionCommand;

public enum CheckInMode
{
    /// <summary>"Ik ben er".</summary>
    Present,

    /// <summary>"Ik luister mee".</summary>
    Listening,
}

/// <summary>"Ik ben er" or "Ik luister mee" (also to switch between them, or to come back).</summary>
public sealed record CheckIn(CheckInMode Mode) : SessionCommand;

public sealed record Leave : SessionCommand;

/// <summary>Take a free role for yourself.</summary>
public sealed record TakeRole(Role Role) : SessionCommand;

/// <summary>Give back a role you hold.</summary>
public sealed record ReturnRole(Role Role) : SessionCommand;

/// <summary>The moderator gives a role to someone who is here (taking it from its holder if needed).</summary>
public sealed record AssignRole(Role Role, string Target) : SessionCommand;

/// <summary>The moderator takes a role back from whoever holds it.</summary>
public sealed record UnassignRole(Role Role) : SessionCommand;

/// <summary>"Verdeel de rollen": the moderator lets the rotation divide the free roles.</summary>
public sealed record DivideRoles : SessionCommand;

public sealed record HandOverModeration(string Target) : SessionCommand;

/// <summary>Someone who is here takes moderation over from a moderator who left.</summary>
public sealed record TakeOverModeration : SessionCommand;

/// <summary>"Niet deze keer": no role for me this session (gives back the roles held).</summary>
public sealed record OptOut : SessionCommand;

/// <summary>Undo "niet deze keer".</summary>
public sealed record OptIn : SessionCommand;

/// <summary>The moderator asks to close; the card asks for confirmation.</summary>
public sealed record RequestClose : SessionCommand;

public sealed record ConfirmClose : SessionCommand;

public sealed record CancelClose : SessionCommand;
