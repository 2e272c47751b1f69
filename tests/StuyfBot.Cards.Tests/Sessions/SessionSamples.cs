using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Tests.Sessions;

/// <summary>Every state of the session card, built through the real decider, and the people who look at it.</summary>
public static class SessionSamples
{
    public static readonly Actor An = new("29:an", "An");
    public static readonly Actor Bart = new("29:bart", "Bart");
    public static readonly Actor Carla = new("29:carla", "Carla");
    public static readonly Actor Dirk = new("29:dirk", "Dirk");
    public static readonly Actor Eva = new("29:eva", "Eva");

    public static readonly DateTimeOffset Now = new(2026, 3, 12, 19, 30, 0, TimeSpan.Zero);

    /// <summary>The viewers: everyone (the shared card), the moderator, a participant with a role, a listener, a stranger.</summary>
    public static IReadOnlyList<(string Name, SessionViewer Viewer)> Viewers { get; } =
    [
        ("everyone", SessionViewer.Everyone),
        ("moderator", SessionViewer.For(An.Key)),
        ("participant", SessionViewer.For(Bart.Key)),
        ("listener", SessionViewer.For(Dirk.Key)),
        ("stranger", SessionViewer.For("29:stranger")),
    ];

    public static Session Planned => Run(null, (new Plan("p1", SessionKind.OpenHuys, "Dinsdagavond", "19:chat"), An));

    public static Session OpenEmpty => Run(null, (new Start("s1", SessionKind.Connectortafel, null, "19:chat"), An));

    /// <summary>Bart (timekeeper) and Carla ("niet deze keer") present, Dirk listening, Eva left; roles divided.</summary>
    public static Session OpenWithPeople => Run(
        OpenEmpty,
        (new CheckIn(CheckInMode.Present), Bart),
        (new CheckIn(CheckInMode.Present), Carla),
        (new CheckIn(CheckInMode.Listening), Dirk),
        (new CheckIn(CheckInMode.Present), Eva),
        (new Leave(), Eva),
        (new OptOut(), Carla),
        (new TakeRole(Role.Timekeeper), Bart),
        (new DivideRoles(), An),
        (new RecordCard("activity-1"), An));

    /// <summary>Like <see cref="OpenWithPeople"/> but with the methodical role still free.</summary>
    public static Session OpenWithFreeRole => Run(OpenWithPeople, (new UnassignRole(Role.MethodicalSupporter), An));

    public static Session PendingClose => Run(OpenWithFreeRole, (new RequestClose(), An));

    public static Session Closed => Run(PendingClose, (new ConfirmClose(), An));

    /// <summary>A planned session the moderator cancelled before it began.</summary>
    public static Session Cancelled => Run(Planned, (new RequestClose(), An), (new ConfirmClose(), An));

    public static Session ModeratorGone => Run(OpenWithFreeRole, (new Leave(), An));

    public static IReadOnlyList<(string Name, Session Session)> States =>
    [
        ("planned", Planned),
        ("open-empty", OpenEmpty),
        ("open-with-people", OpenWithPeople),
        ("open-free-role", OpenWithFreeRole),
        ("pending-close", PendingClose),
        ("closed", Closed),
        ("cancelled", Cancelled),
        ("moderator-left", ModeratorGone),
    ];

    public static Session Run(Session? state, params (SessionCommand Command, Actor Actor)[] steps)
    {
        foreach (var (command, actor) in steps)
        {
            var decision = SessionDecider.Decide(state, command, actor, Now, RoleHistory.Empty);
            state = decision is Accepted accepted
                ? accepted.State
                : throw new InvalidOperationException($"{command} by {actor.Name} was refused: {((Refused)decision).Reason}");
        }

        return state ?? throw new InvalidOperationException("No steps.");
    }
}
