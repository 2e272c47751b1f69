using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Sessions;

/// <summary>
/// The Action.Execute verbs of the session cards, their data and input ids, in one place, and
/// the way back from an invoke's verb and data to what was asked (<see cref="Read"/>).
/// </summary>
public static class SessionVerbs
{
    public const string Refresh = "session.refresh";
    public const string Start = "session.start";
    public const string CheckIn = "session.checkIn";
    public const string Listen = "session.listen";
    public const string Leave = "session.leave";
    public const string TakeRole = "session.takeRole";
    public const string ReturnRole = "session.returnRole";
    public const string OptOut = "session.optOut";
    public const string OptIn = "session.optIn";
    public const string DivideRoles = "session.divideRoles";
    public const string AssignRole = "session.assignRole";
    public const string UnassignRole = "session.unassignRole";
    public const string HandOver = "session.handOver";
    public const string TakeOver = "session.takeOver";
    public const string RequestClose = "session.close";
    public const string ConfirmClose = "session.closeConfirm";
    public const string CancelClose = "session.closeCancel";

    /// <summary>Keys of the data the buttons carry.</summary>
    public const string SessionIdKey = "sessionId";
    public const string RoleKey = "role";
    public const string KindKey = "kind";

    /// <summary>Input ids of the moderator's forms (Teams merges input values into the data).</summary>
    public const string AssignPersonInput = "assignPerson";
    public const string AssignRoleInput = "assignRole";
    public const string UnassignRoleInput = "unassignRole";
    public const string HandOverPersonInput = "handOverPerson";

    public static bool IsSessionVerb(string? verb) => verb?.StartsWith("session.", StringComparison.Ordinal) == true;

    public static string Value(Role role) => role switch
    {
        Role.Timekeeper => "timekeeper",
        Role.ChatScribe => "chatScribe",
        Role.MethodicalSupporter => "methodicalSupporter",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Value(SessionKind kind) => kind switch
    {
        SessionKind.OpenHuys => "openHuys",
        SessionKind.Connectortafel => "connectortafel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Role? ParseRole(string? value) => RoleList.All.Cast<Role?>().FirstOrDefault(r => Value(r!.Value) == value);

    public static SessionKind? ParseKind(string? value) =>
        Enum.GetValues<SessionKind>().Cast<SessionKind?>().FirstOrDefault(k => Value(k!.Value) == value);

    /// <summary>
    /// What an adaptiveCard/action invoke with a session verb asks; null when the verb is not a
    /// session verb or its data is missing or wrong (answer with the "unknown button" text).
    /// </summary>
    public static SessionCardAction? Read(string? verb, IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string? Get(string key) => data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        if (verb == Start)
        {
            return ParseKind(Get(KindKey)) is { } kind ? new StartSession(kind) : null;
        }

        if (Get(SessionIdKey) is not { } sessionId)
        {
            return null;
        }

        if (verb == Refresh)
        {
            return new RefreshSessionCard(sessionId);
        }

        SessionCommand? command = verb switch
        {
            CheckIn => new CheckIn(CheckInMode.Present),
            Listen => new CheckIn(CheckInMode.Listening),
            Leave => new Leave(),
            TakeRole => ParseRole(Get(RoleKey)) is { } role ? new TakeRole(role) : null,
            ReturnRole => ParseRole(Get(RoleKey)) is { } role ? new ReturnRole(role) : null,
            OptOut => new OptOut(),
            OptIn => new OptIn(),
            DivideRoles => new DivideRoles(),
            AssignRole => ParseRole(Get(AssignRoleInput)) is { } role && Get(AssignPersonInput) is { } person ? new AssignRole(role, person) : null,
            UnassignRole => ParseRole(Get(UnassignRoleInput)) is { } role ? new UnassignRole(role) : null,
            HandOver => Get(HandOverPersonInput) is { } person ? new HandOverModeration(person) : null,
            TakeOver => new TakeOverModeration(),
            RequestClose => new RequestClose(),
            ConfirmClose => new ConfirmClose(),
            CancelClose => new CancelClose(),
            _ => null,
        };
        return command is null ? null : new RunSessionCommand(sessionId, command);
    }
}

/// <summary>What a session button asks for.</summary>
public abstract record SessionCardAction;

/// <summary>Teams asks for this person's view of the card (refresh): answer with it.</summary>
public sealed record RefreshSessionCard(string SessionId) : SessionCardAction;

/// <summary>Start a session of this kind in the conversation (the Bot makes the id).</summary>
public sealed record StartSession(SessionKind Kind) : SessionCardAction;

/// <summary>Decide this command on this session.</summary>
public sealed record RunSessionCommand(string SessionId, SessionCommand Command) : SessionCardAction;
