using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Tests.Roles;

/// <summary>Properties of the rotation over generated groups and histories.</summary>
public sealed class RoleDividerProperties
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 6, 19, 0, 0, TimeSpan.Zero);

    /// <summary>One generated division: seed, free roles, candidates (unique keys) and history.</summary>
    public sealed record Case(string Seed, IReadOnlyList<Role> FreeRoles, IReadOnlyList<RoleCandidate> Candidates, RoleHistory History)
    {
        public override string ToString() =>
            $"seed={Seed} free=[{string.Join(",", FreeRoles)}] candidates=[{string.Join(", ", Candidates.Select(c => $"{c.Key}{(c.Listening ? "(L)" : string.Empty)}:{c.RolesHeld}"))}] " +
            $"previous=[{string.Join(", ", History.PreviousHolders.Select(h => $"{h.Key}={h.Value}"))}] served={History.LastServed.Count}";
    }

    [Fact]
    public void Every_free_role_goes_to_exactly_one_candidate()
    {
        Check(c =>
        {
            var result = Divide(c);
            var keys = c.Candidates.Select(x => x.Key).ToHashSet();
            return c.Candidates.Count == 0
                ? result.Count == 0
                : result.Select(a => a.Role).Order().SequenceEqual(c.FreeRoles.Order()) && result.All(a => keys.Contains(a.Person));
        });
    }

    [Fact]
    public void Nobody_gets_a_second_role_unless_there_are_fewer_people_than_roles()
    {
        Check(c =>
        {
            var result = Divide(c);
            var loads = LoadsAfter(c, result);
            var someoneDoubled = result.Any(a => loads[a.Person] >= 2);
            var fewerPeopleThanRoles = c.Candidates.Count < loads.Values.Sum();
            var everyoneHasOne = loads.Values.All(l => l >= 1);
            return !someoneDoubled || (fewerPeopleThanRoles && everyoneHasOne);
        });
    }

    [Fact]
    public void A_listener_gets_a_role_only_when_everyone_present_has_one()
    {
        Check(c =>
        {
            var result = Divide(c);
            var loads = LoadsAfter(c, result);
            var listenerGotOne = result.Any(a => a.Reason.Listener);
            return !listenerGotOne || c.Candidates.Where(x => !x.Listening).All(x => loads[x.Key] >= 1);
        });
    }

    [Fact]
    public void The_reasons_tell_the_truth()
    {
        Check(c =>
        {
            var result = Divide(c);
            var loads = LoadsAfter(c, result);
            var byKey = c.Candidates.ToDictionary(x => x.Key);
            return result.All(a =>
                a.Reason.LastServedRole == c.History.LastServedRole(a.Person, a.Role)
                && a.Reason.LastServedAnyRole == c.History.LastServedAnyRole(a.Person)
                && a.Reason.SameAsLastTime == c.History.HeldLastTime(a.Person, a.Role)
                && a.Reason.Listener == byKey[a.Person].Listening
                && a.Reason.SecondRole == (loads[a.Person] >= 2)
                && a.Name == byKey[a.Person].Name);
        });
    }

    [Fact]
    public void The_same_input_in_any_order_gives_the_same_division()
    {
        var withShuffle = from c in Cases() from shuffled in Gen.Shuffle(c.Candidates.ToArray()) select (c, shuffled);
        Prop.ForAll(withShuffle.ToArbitrary(), pair =>
        {
            var (c, shuffled) = pair;
            var first = Divide(c);
            return first.SequenceEqual(Divide(c)) && first.SequenceEqual(Divide(c with { Candidates = shuffled }));
        }).VerifyProperty();
    }

    [Fact]
    public void Nobody_repeats_last_sessions_role_when_there_are_more_people_without_a_role_than_free_roles()
    {
        Check(c =>
        {
            var free = c.Candidates.Where(x => x.RolesHeld == 0 && !x.Listening).ToList();
            var candidates = free.Count > c.FreeRoles.Count ? free : [];
            var result = Divide(c with { Candidates = candidates });
            return result.All(a => !a.Reason.SameAsLastTime);
        });
    }

    [Fact]
    public void Nobody_repeats_when_as_many_people_as_roles_held_a_single_role_each_last_time()
    {
        // With exactly as many people as roles, the matching still finds an order without repeats.
        var gen = from n in Gen.Choose(2, 3)
                  from order in Gen.Shuffle(RoleList.All.ToArray())
                  from seed in Gen.Choose(0, 10_000)
                  select (Roles: order.Take(n).ToList(), Seed: $"s{seed}");
        Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var people = g.Roles.Select((_, i) => new RoleCandidate($"p{i}", $"P{i}", false, 0)).ToList();
            var holders = g.Roles.Select((r, i) => (r, p: $"p{i}")).ToDictionary(x => x.r, x => x.p);
            var history = RoleHistory.Empty.After(Day0, holders.Select(h => new RoleService(h.Key, h.Value)), holders);
            var result = RoleDivider.Divide(g.Seed, g.Roles, people, history);
            return result.Count == g.Roles.Count && result.All(a => !a.Reason.SameAsLastTime);
        }).VerifyProperty();
    }

    private static void Check(Func<Case, bool> property) =>
        Prop.ForAll(Cases().ToArbitrary(), property).VerifyProperty();

    private static IReadOnlyList<RoleAssignment> Divide(Case c) => RoleDivider.Divide(c.Seed, c.FreeRoles, c.Candidates, c.History);

    private static Dictionary<string, int> LoadsAfter(Case c, IEnumerable<RoleAssignment> result)
    {
        var loads = c.Candidates.ToDictionary(x => x.Key, x => x.RolesHeld);
        foreach (var a in result)
        {
            loads[a.Person]++;
        }

        return loads;
    }

    /// <summary>Up to 10 candidates (some listening, some already holding a role) and a history over them and strangers.</summary>
    internal static Gen<Case> Cases() =>
        from count in Gen.Choose(0, 10)
        from listening in Gen.ListOf(Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))), count)
        from held in Gen.ListOf(Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2))), count)
        from free in Gen.SubListOf(RoleList.All.ToArray())
        from history in Histories(count + 2)
        from seed in Gen.Choose(0, 1_000_000)
        select new Case(
            $"session-{seed}",
            [.. free],
            [.. Enumerable.Range(0, count).Select(i => new RoleCandidate($"p{i}", $"Person {i}", listening[i], held[i]))],
            history);

    /// <summary>A history over people p0..p(n-1) (the last ones are not in the group): dates and previous holders.</summary>
    internal static Gen<RoleHistory> Histories(int people)
    {
        var services = from person in Gen.Choose(0, people - 1)
                       from role in Gen.Elements(RoleList.All.ToArray())
                       from day in Gen.Choose(0, 60)
                       select (Service: new RoleService(role, $"p{person}"), Day: day);
        var previous = from role in Gen.Elements(RoleList.All.ToArray())
                       from person in Gen.Choose(0, people - 1)
                       select (role, $"p{person}");
        return from served in Gen.ListOf(services)
               from holders in Gen.ListOf(previous)
               select served.Aggregate(RoleHistory.Empty, (h, s) => h.After(Day0.AddDays(s.Day), [s.Service], h.PreviousHolders))
                   with
               { PreviousHolders = holders.GroupBy(h => h.role).ToDictionary(g => g.Key, g => g.Last().Item2).ToImmutableDictionary() };
    }
}
