using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Connector;

/// <summary>
/// The per-conversation limiter against Teams' documented per-thread limits, on a clock that
/// moves only when told: which moment each send gets, and what that does over real HTTP.
/// </summary>
public sealed class ConversationRateLimiterTests
{
    /// <summary>Teams' limits per bot per conversation thread (Microsoft Learn, "Rate limiting for bots").</summary>
    private static readonly (int Count, TimeSpan Window)[] TeamsLimits =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1800, TimeSpan.FromHours(1)),
    ];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Twenty_sends_at_once_into_one_conversation_keep_within_every_window()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 1000);

        var delays = Enumerable.Range(0, 20).Select(_ => Reserve(limiter, "19:session@thread.v2")).ToList();

        Assert.All(delays.Take(7), d => Assert.Equal(TimeSpan.Zero, d));
        Assert.All(delays.Skip(7), d => Assert.True(d > TimeSpan.FromSeconds(1), $"The 8th and later sends must wait over a second, one waited {d}."));
        AssertWithinTeamsLimits(delays);
    }

    [Fact]
    public void Two_thousand_sends_keep_within_the_hour_window_too()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromHours(3), 1000);

        var delays = Enumerable.Range(0, 2000).Select(_ => Reserve(limiter, "19:busy@thread.v2")).ToList();

        AssertWithinTeamsLimits(delays);
        Assert.True(delays[1800] > TimeSpan.FromHours(1), $"The 1801st send may only go after an hour, it got {delays[1800]}.");
    }

    [Fact]
    public void Sends_spread_over_time_keep_within_every_window()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromHours(2), 1000);
        var random = new Random(20260302);
        var start = _time.GetUtcNow();
        var moments = new List<TimeSpan>();

        // Bursts and pauses for a few hours, the way a busy session would send.
        for (var i = 0; i < 6000; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 10) < 8 ? random.Next(0, 200) : random.Next(0, 20_000)));
            var delay = Reserve(limiter, "19:session@thread.v2");
            moments.Add(_time.GetUtcNow() - start + delay);
        }

        AssertWithinTeamsLimitsAt(moments);
    }

    [Fact]
    public void Distinct_conversations_do_not_wait_for_each_other()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 100_000);

        var delays = Enumerable.Range(0, 10_000).Select(i => Reserve(limiter, $"a:user-{i}")).ToList();

        Assert.All(delays, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(10_000, limiter.TrackedConversations);
    }

    [Fact]
    public void A_send_that_would_wait_longer_than_the_maximum_is_refused_and_takes_nothing()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromSeconds(1), 1000);
        for (var i = 0; i < 7; i++)
        {
            Assert.True(limiter.TryReserve("a:1", out _));
        }

        Assert.False(limiter.TryReserve("a:1", out var needed));
        Assert.False(limiter.TryReserve("a:1", out _));
        Assert.True(needed > TimeSpan.FromSeconds(1));

        _time.Advance(needed);
        Assert.True(limiter.TryReserve("a:1", out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void Conversations_idle_for_an_hour_are_forgotten()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 1000);
        for (var i = 0; i < 100; i++)
        {
            Reserve(limiter, $"a:user-{i}");
        }

        _time.Advance(TimeSpan.FromMinutes(30));
        Reserve(limiter, "a:user-0");
        Assert.Equal(100, limiter.TrackedConversations);

        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, limiter.TrackedConversations);

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, limiter.TrackedConversations);
    }

    [Fact]
    public void Over_the_maximum_conversations_idle_for_30_seconds_are_forgotten_but_recent_ones_kept()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 10);
        for (var i = 0; i < 50; i++)
        {
            Reserve(limiter, $"a:old-{i}");
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        for (var i = 0; i < 7; i++)
        {
            Reserve(limiter, "a:recent");
        }

        limiter.Sweep(underPressure: true);

        Assert.Equal(1, limiter.TrackedConversations);

        // The recent conversation still remembers its burst.
        Assert.True(limiter.TryReserve("a:recent", out var delay));
        Assert.True(delay > TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void When_30_seconds_is_not_enough_conversations_idle_for_2_seconds_go_too()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 10);
        for (var i = 0; i < 50; i++)
        {
            Reserve(limiter, $"a:old-{i}");
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        Reserve(limiter, "a:one-second-ago");
        _time.Advance(TimeSpan.FromSeconds(1));
        Reserve(limiter, "a:now");

        limiter.Sweep(underPressure: true);

        Assert.Equal(2, limiter.TrackedConversations);
    }

    [Fact]
    public void Without_pressure_recently_idle_conversations_stay()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 100);
        for (var i = 0; i < 50; i++)
        {
            Reserve(limiter, $"a:old-{i}");
        }

        _time.Advance(TimeSpan.FromMinutes(59));
        limiter.Sweep(underPressure: false);

        Assert.Equal(50, limiter.TrackedConversations);
    }

    [Fact]
    public async Task Going_over_the_maximum_starts_a_sweep_by_itself()
    {
        using var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 10);
        for (var i = 0; i < 50; i++)
        {
            Reserve(limiter, $"a:old-{i}");
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        Reserve(limiter, "a:new");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (limiter.TrackedConversations > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, limiter.TrackedConversations);
    }

    [Fact]
    public async Task Over_http_a_burst_into_one_conversation_waits_while_other_conversations_go_at_once()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMinutes(5), 1000);
        await using var host = ConnectorHost.Start(configure: services => services.AddSingleton(limiter));
        var serviceUrl = connector.ServiceUrl.ToString();
        const string session = "19:session@thread.v2";

        var burst = Enumerable.Range(1, 20)
            .Select(i => host.Client.SendAsync(serviceUrl, session, Message($"burst {i}"), CancellationToken.None))
            .ToList();
        var others = Enumerable.Range(1, 20)
            .Select(i => host.Client.SendAsync(serviceUrl, $"a:user-{i}", Message($"other {i}"), CancellationToken.None))
            .ToList();

        // The clock stands still: the other conversations are all served, the burst only up to 7.
        await Task.WhenAll(others);
        await connector.WaitForAsync(c => c.ConversationId == session, count: 7);
        await WaitUntil(() => burst.Count(t => t.IsCompleted) == 7);
        Assert.Equal(13, burst.Count(t => !t.IsCompleted));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(13, burst.Count(t => !t.IsCompleted));

        _time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(burst);

        var delivered = connector.Calls.Where(c => c.ConversationId == session).Select(c => c.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"burst {i}").Order(), delivered.Order());
        Assert.Equal(40, connector.Calls.Count);
    }

    [Fact]
    public async Task Over_http_a_send_beyond_the_maximum_wait_fails_with_429_and_sends_nothing()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        var limiter = new ConversationRateLimiter(_time, TimeSpan.FromMilliseconds(500), 1000);
        await using var host = ConnectorHost.Start(configure: services => services.AddSingleton(limiter));
        var serviceUrl = connector.ServiceUrl.ToString();
        for (var i = 0; i < 7; i++)
        {
            await host.Client.SendAsync(serviceUrl, "a:1", Message("ok"), CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync(serviceUrl, "a:1", Message("te veel"), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("Bot:Connector:MaxRateLimitWait", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, connector.Calls.Count);
    }

    private static TimeSpan Reserve(ConversationRateLimiter limiter, string conversationId)
    {
        Assert.True(limiter.TryReserve(conversationId, out var delay), "The limiter refused a send within its maximum wait.");
        return delay;
    }

    private static void AssertWithinTeamsLimits(IReadOnlyList<TimeSpan> moments) => AssertWithinTeamsLimitsAt(moments);

    /// <summary>For each limit (n per w): any n+1 consecutive sends span more than w.</summary>
    private static void AssertWithinTeamsLimitsAt(IReadOnlyList<TimeSpan> moments)
    {
        var sorted = moments.Order().ToList();
        Assert.Equal(sorted, moments);
        foreach (var (count, window) in TeamsLimits)
        {
            for (var i = 0; i + count < sorted.Count; i++)
            {
                var span = sorted[i + count] - sorted[i];
                Assert.True(span > window, $"Sends {i + 1} to {i + count + 1} fall within {span}, more than {count} per {window}.");
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 10 s.");
            await Task.Delay(10);
        }
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
