using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Cards.Sessions.CardRouteExtensions;

namespace StuyfBot.Cards.Sessions;

/// <summary>The buttons of sessions: start, plan, the live card's attendance, roles, moderation and close.</summary>
public static class SessionRoutes
{
    public static IReadOnlyList<CardRoute> Table { get; } =
    [
        new(SessionVerbs.Start, d => SessionVerbs.ParseKind(d[SessionVerbs.KindKey]) is { } kind ? new StartSession(kind) : null),
        new(SessionVerbs.Plan, d => SessionVerbs.ParseKind(d[SessionVerbs.PlanKindInput]) is { } kind
            ? new PlanSession(kind, d[SessionVerbs.PlanDateInput], d[SessionVerbs.PlanTimeInput], d[SessionVerbs.PlanTitleInput])
            : null),
        new(SessionVerbs.Refresh, d => d.SessionId is { } id ? new RefreshSessionCard(id) : null),
        Command(SessionVerbs.CheckIn, _ => new CheckIn(CheckInMode.Present)),
        Command(SessionVerbs.Listen, _ => new CheckIn(CheckInMode.Listening)),
        Command(SessionVerbs.Leave, _ => new Leave()),
        Command(SessionVerbs.TakeRole, d => SessionVerbs.ParseRole(d[SessionVerbs.RoleKey]) is { } role ? new TakeRole(role) : null),
        Command(SessionVerbs.ReturnRole, d => SessionVerbs.ParseRole(d[SessionVerbs.RoleKey]) is { } role ? new ReturnRole(role) : null),
        Command(SessionVerbs.OptOut, _ => new OptOut()),
        Command(SessionVerbs.OptIn, _ => new OptIn()),
        Command(SessionVerbs.DivideRoles, _ => new DivideRoles()),
        Command(SessionVerbs.AssignRole, d => SessionVerbs.ParseRole(d[SessionVerbs.AssignRoleInput]) is { } role && d[SessionVerbs.AssignPersonInput] is { } person
            ? new AssignRole(role, person)
            : null),
        Command(SessionVerbs.UnassignRole, d => SessionVerbs.ParseRole(d[SessionVerbs.UnassignRoleInput]) is { } role ? new UnassignRole(role) : null),
        Command(SessionVerbs.HandOver, d => d[SessionVerbs.HandOverPersonInput] is { } person ? new HandOverModeration(person) : null),
        Command(SessionVerbs.TakeOver, _ => new TakeOverModeration()),
        Command(SessionVerbs.RequestClose, _ => new RequestClose()),
        Command(SessionVerbs.ConfirmClose, _ => new ConfirmClose()),
        Command(SessionVerbs.CancelClose, _ => new CancelClose()),
    ];
}
