using System.Collections.Immutable;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

public enum SessionKind
{
    OpenHuys,
    Connectortafel,
}

/// <summary>Planned -&gt; Open -&gt; Closed, or Planned -&gt; Closed (cancelled). Closed is final.</summary>
public enum SessionStatus
{
    Planned,
    Open,
    Closed,
}

public enum Presence
{
    /// <summary>"Ik ben er": here, and may get a role.</summary>
    Present,

    /// <summary>"Ik luister mee": here, but chose to listen.</summary>
    Listening,

    /// <summary>Checked in earlier and left.</summary>
    Left,
}

/// <summary>
/// Someone who checked in, keyed by an opaque person key (the Bot's user id). OptedOut: said
/// "niet deze keer", so gets no role when the roles are divided.
/// </summary>
public sealed record Participant(string Key, string Name, Presence Presence, DateTimeOffset CheckedInAt, bool OptedOut = false)
{
    /// <summary>Present or listening: here now.</summary>
    public bool IsHere() => Presence != Presence.Left;
}

/// <summary>
/// One open huys or connectortafel in one conversation: the low-frequency state the rules decide
/// on. Immutable; every change is a new value made by <see cref="SessionDecider.Decide"/>.
/// </summary>
public sealed record Session
{
    public required string Id { get; init; }

    public required SessionKind Kind { get; init; }

    /// <summary>Optional title the moderator gave ("start connectortafel Wijkcentrum").</summary>
    public string? Title { get; init; }

    public required SessionStatus Status { get; init; }

    /// <summary>The conversation the session runs in (opaque to the rules).</summary>
    public required string ConversationKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a planned session is meant to start ("plan connectortafel 28/11 19:30"); null when not said.</summary>
    public DateTimeOffset? PlannedFor { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The activity id of the posted live card (opaque), once the Bot posted it.</summary>
    public string? CardActivityId { get; init; }

    /// <summary>Who moderates: the starter, unless moderation was handed over or taken over.</summary>
    public required string Moderator { get; init; }

    /// <summary>Everyone who checked in, in the order they first did.</summary>
    public ImmutableList<Participant> Participants { get; init; } = [];

    /// <summary>Who holds each role now; a role that is not here is free.</summary>
    public ImmutableDictionary<Role, string> RoleHolders { get; init; } = ImmutableDictionary<Role, string>.Empty;

    /// <summary>Everyone who held a role at some point in this session (for the rotation later).</summary>
    public ImmutableList<RoleService> RoleLog { get; init; } = [];

    /// <summary>The moderator asked to close and the card asks "Ben je zeker?".</summary>
    public bool ClosePending { get; init; }

    /// <summary>The pitch round: queue arrangement, current pitch and timer (pitch ids only; the pitches are records).</summary>
    public PitchRound Round { get; init; } = PitchRound.Empty;

    public Participant? Find(string person) => Participants.Find(p => p.Key == person);

    public bool IsHere(string person) => Find(person)?.IsHere() == true;

    public bool IsModerator(string person) => Moderator == person;

    /// <summary>The moderator left (and nobody took over yet).</summary>
    public bool ModeratorHasLeft() => Status == SessionStatus.Open && !IsHere(Moderator);

    public IEnumerable<Role> FreeRoles() => RoleList.All.Where(r => !RoleHolders.ContainsKey(r));

    public IEnumerable<Role> RolesOf(string person) => RoleList.All.Where(r => RoleHolders.TryGetValue(r, out var holder) && holder == person);

    public string? HolderOf(Role role) => RoleHolders.TryGetValue(role, out var holder) ? holder : null;
}
