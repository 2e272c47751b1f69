using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>Taking, giving back, assigning and taking back roles.</summary>
public sealed class RoleCommandTests
{
    [Fact]
    public void Anyone_here_takes_a_free_role_and_gives_it_back()
    {
        var session = WithPeople();

        var taken = Accept(session, new TakeRole(Role.Timekeeper), Dirk);

        Assert.Equal(Dirk.Key, taken.State.HolderOf(Role.Timekeeper));
        Assert.Equal([new RoleGiven(Role.Timekeeper, Dirk.Key, null, ByModerator: false), new CardChanged()], taken.Events);
        Assert.Equal([new RoleService(Role.Timekeeper, Dirk.Key)], taken.State.RoleLog);

        var given = Accept(taken.State, new ReturnRole(Role.Timekeeper), Dirk);

        Assert.Null(given.State.HolderOf(Role.Timekeeper));
        Assert.Equal([new RoleFreed(Role.Timekeeper, Dirk.Key), new CardChanged()], given.Events);
        Assert.Equal([new RoleService(Role.Timekeeper, Dirk.Key)], given.State.RoleLog);
    }

    [Fact]
    public void A_role_someone_holds_cannot_be_taken()
    {
        var session = WithPeople().Then(new TakeRole(Role.ChatScribe), Bart);

        AssertRefused(session, new TakeRole(Role.ChatScribe), Carla, RefusalReason.RoleTaken);
        AssertRefused(session, new TakeRole(Role.ChatScribe), Bart, RefusalReason.AlreadyYourRole);
    }

    [Fact]
    public void Only_people_here_take_roles_and_only_holders_give_them_back()
    {
        var session = WithPeople().Then(new TakeRole(Role.ChatScribe), Bart).Then(new Leave(), Carla);

        AssertRefused(session, new TakeRole(Role.Timekeeper), Eva, RefusalReason.NotPresent);
        AssertRefused(session, new TakeRole(Role.Timekeeper), Carla, RefusalReason.NotPresent);
        AssertRefused(session, new ReturnRole(Role.ChatScribe), Dirk, RefusalReason.NotYourRole);
        AssertRefused(session, new ReturnRole(Role.Timekeeper), Bart, RefusalReason.NotYourRole);
    }

    [Fact]
    public void Taking_a_role_after_niet_deze_keer_is_a_change_of_mind()
    {
        var session = WithPeople().Then(new OptOut(), Carla).Then(new TakeRole(Role.Timekeeper), Carla);

        Assert.False(session.Find(Carla.Key)!.OptedOut);
        Assert.Equal(Carla.Key, session.HolderOf(Role.Timekeeper));
    }

    [Fact]
    public void The_moderator_assigns_any_role_to_someone_here_even_if_it_was_taken()
    {
        var session = WithPeople().Then(new TakeRole(Role.Timekeeper), Bart);

        var assigned = Accept(session, new AssignRole(Role.Timekeeper, Dirk.Key), An);

        Assert.Equal(Dirk.Key, assigned.State.HolderOf(Role.Timekeeper));
        Assert.Equal([new RoleGiven(Role.Timekeeper, Dirk.Key, Bart.Key, ByModerator: true), new CardChanged()], assigned.Events);
        Assert.Equal([new RoleService(Role.Timekeeper, Bart.Key), new RoleService(Role.Timekeeper, Dirk.Key)], assigned.State.RoleLog);
    }

    [Fact]
    public void Assigning_is_for_the_moderator_and_only_to_someone_here_who_wants_a_role()
    {
        var session = WithPeople().Then(new OptOut(), Carla).Then(new Leave(), Dirk).Then(new TakeRole(Role.ChatScribe), Bart);

        AssertRefused(session, new AssignRole(Role.Timekeeper, Bart.Key), Bart, RefusalReason.OnlyModerator);
        AssertRefused(session, new AssignRole(Role.Timekeeper, Dirk.Key), An, RefusalReason.TargetNotPresent);
        AssertRefused(session, new AssignRole(Role.Timekeeper, Eva.Key), An, RefusalReason.TargetNotPresent);
        AssertRefused(session, new AssignRole(Role.Timekeeper, Carla.Key), An, RefusalReason.TargetOptedOut);
        AssertRefused(session, new AssignRole(Role.ChatScribe, Bart.Key), An, RefusalReason.TargetHoldsRole);
    }

    [Fact]
    public void The_moderator_takes_a_role_back()
    {
        var session = WithPeople().Then(new TakeRole(Role.MethodicalSupporter), Carla);

        var unassigned = Accept(session, new UnassignRole(Role.MethodicalSupporter), An);

        Assert.Null(unassigned.State.HolderOf(Role.MethodicalSupporter));
        Assert.Equal([new RoleFreed(Role.MethodicalSupporter, Carla.Key), new CardChanged()], unassigned.Events);
        AssertRefused(unassigned.State, new UnassignRole(Role.MethodicalSupporter), An, RefusalReason.RoleAlreadyFree);
        AssertRefused(session, new UnassignRole(Role.MethodicalSupporter), Carla, RefusalReason.OnlyModerator);
    }

    [Fact]
    public void Verdeel_de_rollen_gives_every_free_role_to_people_here_and_announces_it()
    {
        var session = WithPeople().Then(new TakeRole(Role.ChatScribe), Dirk);

        var divided = Accept(session, new DivideRoles(), An);

        var announced = Assert.IsType<RolesDivided>(divided.Events[0]);
        Assert.Equal([Role.Timekeeper, Role.MethodicalSupporter], announced.Assignments.Select(a => a.Role));
        Assert.Equal([Bart.Key, Carla.Key], announced.Assignments.Select(a => a.Person).Order());
        Assert.All(announced.Assignments, a => Assert.Equal(a.Person, divided.State.HolderOf(a.Role)));
        Assert.Equal(Dirk.Key, divided.State.HolderOf(Role.ChatScribe));
        Assert.Empty(divided.State.FreeRoles());
        Assert.IsType<CardChanged>(divided.Events[1]);
        Assert.Equal(3, divided.State.RoleLog.Count);
    }

    [Fact]
    public void Verdeel_de_rollen_is_for_the_moderator_and_needs_free_roles_and_people()
    {
        var full = WithPeople().Then(new DivideRoles(), An);
        var nobody = Opened().Then(new OptOut(), An);

        AssertRefused(WithPeople(), new DivideRoles(), Bart, RefusalReason.OnlyModerator);
        AssertRefused(full, new DivideRoles(), An, RefusalReason.NoFreeRoles);
        AssertRefused(nobody, new DivideRoles(), An, RefusalReason.NobodyAvailable);
    }

    [Fact]
    public void Verdeel_de_rollen_skips_niet_deze_keer_and_people_who_left()
    {
        var session = WithPeople().Then(new OptOut(), Bart).Then(new Leave(), Carla).Then(new CheckIn(CheckInMode.Present), Eva);

        var divided = Accept(session, new DivideRoles(), An).State;

        var holders = divided.RoleHolders.Values.ToHashSet();
        Assert.Equal(3, divided.RoleHolders.Count);
        Assert.DoesNotContain(Bart.Key, holders);
        Assert.DoesNotContain(Carla.Key, holders);
        Assert.Contains(Dirk.Key, holders);
        Assert.Contains(Eva.Key, holders);
        Assert.Subset(new HashSet<string> { An.Key, Dirk.Key, Eva.Key }, holders);
    }

    [Fact]
    public void Verdeel_de_rollen_uses_the_history_so_who_served_least_recently_goes_first()
    {
        var fien = new Actor("29:fien", "Fien");
        var session = WithPeople().Then(new CheckIn(CheckInMode.Present), Eva).Then(new CheckIn(CheckInMode.Present), fien);
        var history = RoleHistory.Empty
            .After(Now.AddDays(-14), [new RoleService(Role.Timekeeper, Bart.Key)], new Dictionary<Role, string>())
            .After(Now.AddDays(-7), [new RoleService(Role.ChatScribe, Carla.Key)], new Dictionary<Role, string> { [Role.ChatScribe] = Carla.Key });

        var divided = Accept(session, new DivideRoles(), An, history);

        var assignments = Assert.IsType<RolesDivided>(divided.Events[0]).Assignments;
        // Eva and Fien never served, Bart served longest ago; Carla (last week) waits; Dirk only listens.
        Assert.Equal([Bart.Key, Eva.Key, fien.Key], assignments.Select(a => a.Person).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(assignments, a => a.Reason.Listener);
    }
}
