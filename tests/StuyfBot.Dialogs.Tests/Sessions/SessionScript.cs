using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>People and a few steps that build sessions through the real decider.</summary>
internal static class SessionScript
{
    public static readonly Actor An = new("29:an", "An");
    public static readonly Actor Bart = new("29:bart", "Bart");
    public static readonly Actor Carla = new("29:carla", "Carla");
    public static readonly Actor Dirk = new("29:dirk", "Dirk");
    public static readonly Actor Eva = new("29:eva", "Eva");

    public static readonly DateTimeOffset Now = new(2026, 3, 12, 19, 30, 0, TimeSpan.Zero);

    public const string Conversation = "19:group-chat";

    public static Decision Decide(Session? state, SessionCommand command, Actor actor, RoleHistory? history = null) =>
        SessionDecider.Decide(state, command, actor, Now, history ?? RoleHistory.Empty);

    /// <summary>The command must be accepted; returns the new state and events.</summary>
    public static Accepted Accept(Session? state, SessionCommand command, Actor actor, RoleHistory? history = null)
    {
        var decision = Decide(state, command, actor, history);
        return Assert.IsType<Accepted>(decision);
    }

    public static Session Then(this Session state, SessionCommand command, Actor actor) => Accept(state, command, actor).State;

    /// <summary>The command must be refused, for this reason, with the state unchanged.</summary>
    public static void AssertRefused(Session? state, SessionCommand command, Actor actor, RefusalReason reason)
    {
        var refused = Assert.IsType<Refused>(Decide(state, command, actor));
        Assert.Equal(reason, refused.Reason);
        Assert.Same(state, refused.State);
    }

    /// <summary>An open connectortafel started by An (moderator, present).</summary>
    public static Session Opened(string id = "s1") =>
        Accept(null, new Start(id, SessionKind.Connectortafel, "Wijkcentrum", Conversation), An).State;

    /// <summary>Open, with Bart and Carla present and Dirk listening.</summary>
    public static Session WithPeople(string id = "s1") =>
        Opened(id)
            .Then(new CheckIn(CheckInMode.Present), Bart)
            .Then(new CheckIn(CheckInMode.Present), Carla)
            .Then(new CheckIn(CheckInMode.Listening), Dirk);

    public static Session Planned(string id = "p1") =>
        Accept(null, new Plan(id, SessionKind.OpenHuys, "Dinsdag", Conversation), An).State;
}
