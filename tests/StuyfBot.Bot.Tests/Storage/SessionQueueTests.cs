using StuyfBot.Bot.Storage.State;

namespace StuyfBot.Bot.Tests.Storage;

public sealed class SessionQueueTests
{
    [Fact]
    public async Task Commands_for_one_session_run_one_at_a_time()
    {
        var queue = new SessionQueue();
        var running = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => queue.RunAsync("s1", async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(1);
            Interlocked.Decrement(ref running);
        }, default))));

        Assert.Equal(1, most);
        Assert.Equal(0, queue.ActiveSessions);
    }

    [Fact]
    public async Task Different_sessions_run_side_by_side()
    {
        var queue = new SessionQueue();
        var a = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each waits for the other: only possible if both run at once.
        var first = queue.RunAsync("s1", async () =>
        {
            a.SetResult();
            await b.Task;
        }, default);
        var second = queue.RunAsync("s2", async () =>
        {
            b.SetResult();
            await a.Task;
        }, default);

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, queue.ActiveSessions);
    }

    [Fact]
    public async Task A_failing_command_lets_the_next_one_run_and_its_error_reaches_the_caller()
    {
        var queue = new SessionQueue();

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.RunAsync("s1", () => Task.FromException<int>(new InvalidOperationException("boom")), default));
        var next = await queue.RunAsync("s1", () => Task.FromResult(42), default);

        Assert.Equal(42, next);
        Assert.Equal(0, queue.ActiveSessions);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_nothing_stays_behind()
    {
        var queue = new SessionQueue();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = queue.RunAsync("s1", () => release.Task, default);
        using var cancel = new CancellationTokenSource();

        var waiter = queue.RunAsync("s1", () => Task.FromResult(1), cancel.Token);
        Assert.Equal(1, queue.ActiveSessions);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        release.SetResult();
        await holder;
        Assert.Equal(0, queue.ActiveSessions);
    }

    [Fact]
    public async Task Many_sessions_come_and_go_without_leaving_entries()
    {
        var queue = new SessionQueue();

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => queue.RunAsync($"s{i % 300}", () => Task.Delay(0), default)));

        Assert.Equal(0, queue.ActiveSessions);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
