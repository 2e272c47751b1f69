using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

public sealed class SessionHistoryTests
{
    [Fact]
    public void Closed_sessions_make_the_history_of_who_served_what_and_who_held_it_last()
    {
        var first = WithPeople("s1")
            .Then(new TakeRole(Role.Timekeeper), Bart)
            .Then(new ReturnRole(Role.Timekeeper), Bart)
            .Then(new TakeRole(Role.Timekeeper), Carla)
            .Then(new TakeRole(Role.ChatScribe), Dirk)
            .Then(new RequestClose(), An).Then(new ConfirmClose(), An);
        var second = Accept(null, new Start("s2", SessionKind.OpenHuys, null, Conversation), An).State
            .Then(new CheckIn(CheckInMode.Present), Eva)
            .Then(new TakeRole(Role.MethodicalSupporter), Eva)
            .Then(new Leave(), Eva)
            .Then(new RequestClose(), An).Then(new ConfirmClose(), An);
        var secondDay = Now.AddDays(7);
        second = second with { OpenedAt = secondDay, ClosedAt = secondDay.AddHours(2) };

        var history = SessionHistory.RoleHistoryOf([second, first]);

        Assert.Equal(Now, history.LastServedRole(Bart.Key, Role.Timekeeper));
        Assert.Equal(Now, history.LastServedRole(Carla.Key, Role.Timekeeper));
        Assert.Equal(Now, history.LastServedRole(Dirk.Key, Role.ChatScribe));
        Assert.Equal(secondDay, history.LastServedRole(Eva.Key, Role.MethodicalSupporter));
        Assert.Null(history.LastServedRole(An.Key, Role.Timekeeper));
        Assert.Equal(1, history.TimesServed(Carla.Key, Role.Timekeeper));
        // The previous session is the second one; Eva left with her role, yet she held it last.
        Assert.True(history.HeldLastTime(Eva.Key, Role.MethodicalSupporter));
        Assert.False(history.HeldLastTime(Carla.Key, Role.Timekeeper));
    }

    [Fact]
    public void Open_planned_and_cancelled_sessions_do_not_count()
    {
        var open = WithPeople("s1").Then(new TakeRole(Role.Timekeeper), Bart);
        var cancelled = Planned().Then(new RequestClose(), An).Then(new ConfirmClose(), An);

        Assert.Equal(RoleHistory.Empty.LastServed, SessionHistory.RoleHistoryOf([open, cancelled, Planned("p2")]).LastServed);
        Assert.Empty(SessionHistory.RoleHistoryOf([open, cancelled]).PreviousHolders);
    }

    [Fact]
    public void Serving_again_moves_the_date_and_counts()
    {
        var history = RoleHistory.Empty
            .After(Now, [new RoleService(Role.Timekeeper, "a")], new Dictionary<Role, string>())
            .After(Now.AddDays(7), [new RoleService(Role.Timekeeper, "a"), new RoleService(Role.Timekeeper, "a")], new Dictionary<Role, string>());

        Assert.Equal(Now.AddDays(7), history.LastServedRole("a", Role.Timekeeper));
        Assert.Equal(Now.AddDays(7), history.LastServedAnyRole("a"));
        Assert.Equal(2, history.TimesServed("a", Role.Timekeeper));
        Assert.Equal(2, history.TimesServedAnyRole("a"));
        Assert.Null(history.LastServedAnyRole("b"));
    }
}
