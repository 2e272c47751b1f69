using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// What one person may do with a session right now, read from <see cref="SessionRules"/> (so a
/// button is shown exactly when pressing it would be accepted).
/// </summary>
public sealed record SessionPermissions
{
    public bool Start { get; init; }

    public bool CheckIn { get; init; }

    public bool Listen { get; init; }

    public bool Leave { get; init; }

    public bool OptOut { get; init; }

    public bool OptIn { get; init; }

    public IReadOnlyList<Role> TakeRoles { get; init; } = [];

    public IReadOnlyList<Role> ReturnRoles { get; init; } = [];

    public bool DivideRoles { get; init; }

    /// <summary>People the moderator may give a role to (each some role; the rules refuse the one they hold).</summary>
    public IReadOnlyList<Participant> AssignTargets { get; init; } = [];

    public IReadOnlyList<Role> UnassignRoles { get; init; } = [];

    public IReadOnlyList<Participant> HandOverTargets { get; init; } = [];

    public bool TakeOver { get; init; }

    public bool RequestClose { get; init; }

    /// <summary>"Ben je zeker?": confirm or cancel the close.</summary>
    public bool ConfirmClose { get; init; }

    public bool IsModerator { get; init; }

    public static SessionPermissions For(Session session, string person)
    {
        ArgumentNullException.ThrowIfNull(session);
        bool May(SessionCommand command) => SessionRules.Refusal(session, command, person) is null;
        return new SessionPermissions
        {
            Start = session.Status == SessionStatus.Planned
                && May(new Start(session.Id, session.Kind, null, session.ConversationKey)),
            CheckIn = May(new CheckIn(CheckInMode.Present)),
            Listen = May(new CheckIn(CheckInMode.Listening)),
            Leave = May(new Leave()),
            OptOut = May(new OptOut()),
            OptIn = May(new OptIn()),
            TakeRoles = [.. RoleList.All.Where(r => May(new TakeRole(r)))],
            ReturnRoles = [.. RoleList.All.Where(r => May(new ReturnRole(r)))],
            DivideRoles = May(new DivideRoles()),
            AssignTargets = [.. session.Participants.Where(p => RoleList.All.Any(r => May(new AssignRole(r, p.Key))))],
            UnassignRoles = [.. RoleList.All.Where(r => May(new UnassignRole(r)))],
            HandOverTargets = [.. session.Participants.Where(p => May(new HandOverModeration(p.Key)))],
            TakeOver = May(new TakeOverModeration()),
            RequestClose = !session.ClosePending && May(new RequestClose()),
            ConfirmClose = May(new ConfirmClose()),
            IsModerator = session.IsModerator(person) && session.Status != SessionStatus.Closed,
        };
    }
}
