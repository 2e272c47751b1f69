using Microsoft.Extensions.Time.Testing;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Tests.Protocol;

/// <summary>The redelivery memory: once per activity, bounded by time and by size.</summary>
public sealed class ActivityDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 19, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_redelivered_activity_gets_the_first_response_and_does_not_run_again()
    {
        var memory = new ActivityDeduplicator(_time, TimeSpan.FromMinutes(5));
        var runs = 0;
        var first = await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 201));
        var again = await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 500));

        Assert.Equal((201, false), (first.Response!.Status, first.Duplicate));
        Assert.Equal((201, true), (again.Response!.Status, again.Duplicate));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_same_id_in_another_conversation_or_of_another_type_is_another_activity()
    {
        var memory = new ActivityDeduplicator(_time, TimeSpan.FromMinutes(5));
        var runs = 0;
        await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200));
        var otherConversation = await memory.RunOnceAsync(Invoke("a:2", "1"), () => Run(ref runs, 200));
        var otherType = await memory.RunOnceAsync(new Activity { Type = ActivityTypes.Message, Id = "1", Conversation = new Conversation { Id = "a:1" } }, () => Run(ref runs, 200));
        var joined = await memory.RunOnceAsync(Invoke("a:1|invoke", "1"), () => Run(ref runs, 200));

        Assert.False(otherConversation.Duplicate);
        Assert.False(otherType.Duplicate);
        Assert.False(joined.Duplicate);
        Assert.Equal(4, runs);
        Assert.Equal(4, memory.Count);
    }

    [Fact]
    public async Task A_failed_turn_is_forgotten_so_the_channels_retry_runs_it()
    {
        var memory = new ActivityDeduplicator(_time, TimeSpan.FromMinutes(5));
        var runs = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => memory.RunOnceAsync(Invoke("a:1", "1"), () => throw new InvalidOperationException("boom")));
        var retry = await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200));

        Assert.False(retry.Duplicate);
        Assert.Equal(1, runs);
        Assert.Equal(1, memory.Count);
    }

    [Fact]
    public async Task A_full_generation_rotates_and_an_activity_is_remembered_for_one_more_generation()
    {
        var memory = new ActivityDeduplicator(_time, TimeSpan.FromMinutes(5), maxPerGeneration: 2);
        var runs = 0;
        await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200));
        await memory.RunOnceAsync(Invoke("a:1", "2"), () => Run(ref runs, 200));
        await memory.RunOnceAsync(Invoke("a:1", "3"), () => Run(ref runs, 200));

        Assert.True((await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200))).Duplicate);
        await memory.RunOnceAsync(Invoke("a:1", "4"), () => Run(ref runs, 200));
        await memory.RunOnceAsync(Invoke("a:1", "5"), () => Run(ref runs, 200));

        Assert.False((await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200))).Duplicate);
        Assert.Equal(6, runs);
    }

    [Fact]
    public async Task After_twice_the_window_everything_is_forgotten()
    {
        var memory = new ActivityDeduplicator(_time, TimeSpan.FromMinutes(5));
        var runs = 0;
        await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200));
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200))).Duplicate);

        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.False((await memory.RunOnceAsync(Invoke("a:1", "1"), () => Run(ref runs, 200))).Duplicate);
        Assert.Equal(2, runs);
    }

    private static Activity Invoke(string conversation, string id) =>
        new() { Type = ActivityTypes.Invoke, Id = id, Conversation = new Conversation { Id = conversation } };

    private static Task<InvokeResponse?> Run(ref int runs, int status)
    {
        runs++;
        return Task.FromResult<InvokeResponse?>(new InvokeResponse(status));
    }
}
