using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Pitches.PlanningHarness;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// <see cref="ConversationMembership"/> against a real loopback connector: every page of a big
/// roster, a short cache shared by callers asking at once, a stranger refused, someone who just
/// joined found after the recheck interval, and a failed roster read not kept.
/// </summary>
public sealed class PlanningMembershipTests : IAsyncLifetime
{
    private const string Big = "19:stuyfplek-big@thread.v2";

    private PlanningHarness _h = null!;

    public async Task InitializeAsync() => _h = await PlanningHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Pitches:Membership:CacheFor"] = "00:10:00",
        ["Pitches:Membership:RecheckAfter"] = "00:00:02",
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private ConversationMembership Membership => _h.Bot.Services.GetRequiredService<ConversationMembership>();

    private ConversationReference Group(string id) =>
        new(_h.Connector.ServiceUrl.ToString(), "msteams", id, "groupChat", Activities.TenantId, new Account { Id = Activities.BotId }, null, "nl-BE");

    [Fact]
    public async Task Every_page_of_a_big_roster_is_read_once_and_then_cached()
    {
        _h.Connector.Rosters[Big] = [.. Enumerable.Range(0, 250).Select(i => Member(new Person(Id(i), "Person " + i)))];

        Assert.True(await Membership.IsMemberAsync(Group(Big), Id(249), CancellationToken.None));
        Assert.True(await Membership.IsMemberAsync(Group(Big), Id(0), CancellationToken.None));
        Assert.True(await Membership.IsMemberAsync(Group(Big), Id(120), CancellationToken.None));

        var reads = RosterReads(Big);
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Contains("pageSize=100", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callers_asking_at_once_share_one_read()
    {
        _h.Connector.DelayNext(TimeSpan.FromMilliseconds(300));

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Membership.IsMemberAsync(Group(Gent), i % 2 == 0 ? Jef.Id : Fatima.Id, CancellationToken.None)));

        Assert.All(answers, Assert.True);
        Assert.Single(RosterReads(Gent));
    }

    [Fact]
    public async Task A_stranger_is_refused_without_asking_Teams_each_time_and_someone_who_joined_is_found_later()
    {
        Assert.False(await Membership.IsMemberAsync(Group(Gent), Sofie.Id, CancellationToken.None));
        Assert.False(await Membership.IsMemberAsync(Group(Gent), Sofie.Id, CancellationToken.None));
        Assert.False(await Membership.IsMemberAsync(Group(Brugge), Jef.Id, CancellationToken.None));
        Assert.Single(RosterReads(Gent));
        Assert.Single(RosterReads(Brugge));

        // Sofie joins Gent: once the roster is older than RecheckAfter (2 s), a miss reads it again.
        _h.Connector.Rosters[Gent].Add(Member(Sofie));
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.True(await Membership.IsMemberAsync(Group(Gent), Sofie.Id, CancellationToken.None));
        Assert.Equal(2, RosterReads(Gent).Count);

        // A member is answered from the (fresh) cache.
        Assert.True(await Membership.IsMemberAsync(Group(Gent), An.Id, CancellationToken.None));
        Assert.Equal(2, RosterReads(Gent).Count);
    }

    [Fact]
    public async Task A_failed_roster_read_throws_and_is_not_kept()
    {
        _h.Connector.FailNext(403, errorCode: "Forbidden");

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Membership.IsMemberAsync(Group(Gent), Jef.Id, CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, failure.StatusCode);

        Assert.True(await Membership.IsMemberAsync(Group(Gent), Jef.Id, CancellationToken.None));
        Assert.Equal(2, RosterReads(Gent).Count);
    }

    private static string Id(int i) => "29:member-" + i.ToString(CultureInfo.InvariantCulture);

    private List<ConnectorCall> RosterReads(string conversationId) =>
        [.. _h.Connector.Calls.Where(c => c.Method == "GET" && c.ConversationId == conversationId && c.Path.EndsWith("/pagedmembers", StringComparison.Ordinal))];
}
