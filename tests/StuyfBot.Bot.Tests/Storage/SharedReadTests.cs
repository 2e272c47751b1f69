using System.Collections.Concurrent;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>
/// Callers of a shared read get a read that started after they asked; those that ask while one
/// runs share the next; a failure reaches only those who shared the failed read.
/// </summary>
public sealed class SharedReadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Each read waits for the test to end it; reads are numbered from 1.</summary>
    private readonly ConcurrentQueue<TaskCompletionSource<int>> _reads = new();
    private readonly SemaphoreSlim _started = new(0);
    private readonly SharedRead<int> _shared;
    private int _count;

    public SharedReadTests()
    {
        _shared = new SharedRead<int>(() =>
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Increment(ref _count);
            _reads.Enqueue(read);
            _started.Release();
            return read.Task;
        });
    }

    public void Dispose() => _started.Dispose();

    [Fact]
    public async Task Callers_that_ask_while_a_read_runs_share_the_next_read_not_the_running_one()
    {
        var first = _shared.ReadAsync(default);
        var read1 = await StartedAsync();
        var waiting = Enumerable.Range(0, 20).Select(_ => _shared.ReadAsync(default)).ToList();

        read1.SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Patience));
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        (await StartedAsync()).SetResult(2);

        Assert.All(await Task.WhenAll(waiting).WaitAsync(Patience), r => Assert.Equal(2, r));
        Assert.Equal(2, _count);
    }

    [Fact]
    public async Task A_caller_after_the_reads_ended_gets_a_new_read()
    {
        var first = _shared.ReadAsync(default);
        (await StartedAsync()).SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Patience));

        var later = _shared.ReadAsync(default);
        (await StartedAsync()).SetResult(2);

        Assert.Equal(2, await later.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_failed_read_fails_those_who_shared_it_and_the_next_read_tries_afresh()
    {
        var first = _shared.ReadAsync(default);
        var read1 = await StartedAsync();
        var second = _shared.ReadAsync(default);
        read1.SetException(new InvalidOperationException("store down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Patience));
        (await StartedAsync()).SetResult(2);
        Assert.Equal(2, await second.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_caller_who_gives_up_does_not_stop_the_read_for_the_others()
    {
        var first = _shared.ReadAsync(default);
        var read1 = await StartedAsync();
        using var giveUp = new CancellationTokenSource();
        var impatient = _shared.ReadAsync(giveUp.Token);
        var patient = _shared.ReadAsync(default);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        read1.SetResult(1);
        (await StartedAsync()).SetResult(2);

        Assert.Equal(1, await first.WaitAsync(Patience));
        Assert.Equal(2, await patient.WaitAsync(Patience));
    }

    private async Task<TaskCompletionSource<int>> StartedAsync()
    {
        Assert.True(await _started.WaitAsync(Patience), "no read started");
        Assert.True(_reads.TryDequeue(out var read));
        return read;
    }
}
