using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Tests.Roles;

/// <summary>The rotation's rules, one example each.</summary>
public sealed class RoleDividerTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 6, 19, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<Role, string> NoHolders = [];

    [Fact]
    public void Nobody_gets_a_role_when_nobody_can_take_one()
    {
        Assert.Empty(RoleDivider.Divide("s", RoleList.All, [], RoleHistory.Empty));
        Assert.Empty(RoleDivider.Divide("s", [], [Present("a")], RoleHistory.Empty));
    }

    [Fact]
    public void Only_the_free_roles_are_given_in_the_order_of_the_roles()
    {
        var result = RoleDivider.Divide("s", [Role.MethodicalSupporter, Role.Timekeeper], [Present("a"), Present("b"), Present("c")], RoleHistory.Empty);

        Assert.Equal([Role.Timekeeper, Role.MethodicalSupporter], result.Select(a => a.Role));
        Assert.Equal(2, result.Select(a => a.Person).Distinct().Count());
    }

    [Fact]
    public void Who_served_least_recently_goes_first_and_never_served_is_least_recent()
    {
        var history = RoleHistory.Empty
            .After(Day0, [new RoleService(Role.Timekeeper, "anna")], NoHolders)
            .After(Day0.AddDays(7), [new RoleService(Role.ChatScribe, "bram")], NoHolders)
            .After(Day0.AddDays(14), [new RoleService(Role.MethodicalSupporter, "cato")], NoHolders);
        RoleCandidate[] people = [Present("anna"), Present("bram"), Present("cato"), Present("dina")];

        var one = Assert.Single(RoleDivider.Divide("s", [Role.ChatScribe], people, history));
        var two = RoleDivider.Divide("s", [Role.ChatScribe, Role.Timekeeper], people, history);

        Assert.Equal("dina", one.Person);
        Assert.Equal(new AssignmentReason(null, null), one.Reason);
        Assert.Equal(["anna", "dina"], two.Select(a => a.Person).Order());
    }

    [Fact]
    public void Each_gets_the_role_they_served_least_recently()
    {
        var history = RoleHistory.Empty.After(
            Day0, [new RoleService(Role.Timekeeper, "anna"), new RoleService(Role.ChatScribe, "bram")], NoHolders);

        var result = RoleDivider.Divide("s", [Role.Timekeeper, Role.ChatScribe], [Present("anna"), Present("bram")], history);

        Assert.Equal([(Role.Timekeeper, "bram"), (Role.ChatScribe, "anna")], result.Select(a => (a.Role, a.Person)));
        Assert.All(result, a => Assert.Equal(new AssignmentReason(null, Day0), a.Reason));
    }

    [Fact]
    public void Nobody_gets_last_sessions_role_when_someone_else_can_take_it()
    {
        var history = RoleHistory.Empty.After(
            Day0,
            [new RoleService(Role.Timekeeper, "anna"), new RoleService(Role.ChatScribe, "bram")],
            new Dictionary<Role, string> { [Role.Timekeeper] = "anna", [Role.ChatScribe] = "bram" });

        foreach (var seed in Seeds)
        {
            var result = RoleDivider.Divide(seed, [Role.Timekeeper], [Present("anna"), Present("bram")], history);

            Assert.Equal("bram", Assert.Single(result).Person);
            Assert.False(result[0].Reason.SameAsLastTime);
        }
    }

    [Fact]
    public void The_roles_are_matched_so_nobody_repeats_last_sessions_role()
    {
        // Bram never had the chat role, but giving it to him would leave Anna only her timekeeping
        // of last session: the matching gives Bram the timekeeping instead.
        var history = RoleHistory.Empty
            .After(Day0, [new RoleService(Role.ChatScribe, "anna")], NoHolders)
            .After(Day0.AddDays(7), [new RoleService(Role.Timekeeper, "bram")], NoHolders)
            .After(
                Day0.AddDays(14),
                [new RoleService(Role.Timekeeper, "anna"), new RoleService(Role.MethodicalSupporter, "bram")],
                new Dictionary<Role, string> { [Role.Timekeeper] = "anna", [Role.MethodicalSupporter] = "bram" });

        var result = RoleDivider.Divide("s", [Role.Timekeeper, Role.ChatScribe], [Present("anna"), Present("bram")], history);

        Assert.Equal([(Role.Timekeeper, "bram"), (Role.ChatScribe, "anna")], result.Select(a => (a.Role, a.Person)));
        Assert.DoesNotContain(result, a => a.Reason.SameAsLastTime);
    }

    [Fact]
    public void When_nobody_else_can_the_same_role_is_given_again_and_the_reason_says_so()
    {
        var history = RoleHistory.Empty.After(
            Day0, [new RoleService(Role.Timekeeper, "anna")], new Dictionary<Role, string> { [Role.Timekeeper] = "anna" });

        var result = Assert.Single(RoleDivider.Divide("s", [Role.Timekeeper], [Present("anna")], history));

        Assert.Equal("anna", result.Person);
        Assert.True(result.Reason.SameAsLastTime);
        Assert.Equal(new AssignmentReason(Day0, Day0) { SameAsLastTime = true }, result.Reason);
    }

    [Fact]
    public void Nobody_gets_a_second_role_while_someone_else_has_none()
    {
        RoleCandidate[] people = [Present("mod", rolesHeld: 1), Present("anna"), Present("bram"), Present("cato")];

        foreach (var seed in Seeds)
        {
            var result = RoleDivider.Divide(seed, RoleList.All, people, RoleHistory.Empty);

            Assert.Equal(["anna", "bram", "cato"], result.Select(a => a.Person).Order());
            Assert.DoesNotContain(result, a => a.Reason.SecondRole);
        }
    }

    [Fact]
    public void With_fewer_people_than_roles_someone_holds_two_and_the_reason_says_so()
    {
        var result = RoleDivider.Divide("s", RoleList.All, [Present("anna"), Present("bram")], RoleHistory.Empty);

        Assert.Equal(3, result.Count);
        var twice = Assert.Single(result.GroupBy(a => a.Person), g => g.Count() == 2);
        Assert.All(twice, a => Assert.True(a.Reason.SecondRole));
        Assert.False(result.Single(a => a.Person != twice.Key).Reason.SecondRole);
    }

    [Fact]
    public void Listeners_come_after_everyone_present_without_a_role()
    {
        RoleCandidate[] people = [Listening("luc"), Present("anna"), Present("bram")];

        var two = RoleDivider.Divide("s", [Role.Timekeeper, Role.ChatScribe], people, RoleHistory.Empty);
        var three = RoleDivider.Divide("s", RoleList.All, people, RoleHistory.Empty);

        Assert.Equal(["anna", "bram"], two.Select(a => a.Person).Order());
        var luc = Assert.Single(three, a => a.Person == "luc");
        Assert.True(luc.Reason.Listener);
        Assert.False(luc.Reason.SecondRole);
    }

    [Fact]
    public void A_listener_comes_before_anyone_gets_a_second_role()
    {
        var result = RoleDivider.Divide("s", [Role.ChatScribe], [Present("mod", rolesHeld: 1), Listening("luc")], RoleHistory.Empty);

        Assert.Equal("luc", Assert.Single(result).Person);
    }

    [Fact]
    public void Ties_are_broken_the_same_way_every_time_but_not_alphabetically()
    {
        RoleCandidate[] people = [.. "abcdefgh".Select(c => Present(c.ToString()))];

        var chosen = Seeds.Select(seed => Assert.Single(RoleDivider.Divide(seed, [Role.Timekeeper], people, RoleHistory.Empty)).Person).ToList();
        var again = Seeds.Select(seed => Assert.Single(RoleDivider.Divide(seed, [Role.Timekeeper], Enumerable.Reverse(people).ToList(), RoleHistory.Empty)).Person).ToList();

        Assert.Equal(chosen, again);
        Assert.True(chosen.Distinct().Count() >= 3, string.Join(",", chosen));
    }

    private static IEnumerable<string> Seeds => Enumerable.Range(1, 20).Select(i => $"session-{i}");

    private static RoleCandidate Present(string key, int rolesHeld = 0) => new(key, key.ToUpperInvariant(), Listening: false, rolesHeld);

    private static RoleCandidate Listening(string key) => new(key, key.ToUpperInvariant(), Listening: true, 0);
}
