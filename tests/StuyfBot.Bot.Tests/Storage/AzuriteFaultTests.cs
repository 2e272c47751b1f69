using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.State;
using StuyfBot.StorageLoad;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>Azurite goes away in the middle of a run and comes back.</summary>
public sealed class AzuriteFaultTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Azurite_stopping_mid_run_gives_clear_errors_leaves_no_corrupt_blob_and_work_resumes_after_restart(bool graceful)
    {
        using var folder = new TempFolder();
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteSettings { Location = folder.Path });
        var store = BlobDocumentStore.WithConnectionString(azurite.ConnectionString, "stuyfbot", NullLogger<BlobDocumentStore>.Instance);
        await store.EnsureReadyAsync(default);
        var run = new FaultRun(store);

        var workers = run.Start(writers: 4);
        await WaitUntilAsync(() => run.Created.Count >= 100, "100 creates before the stop");
        await azurite.StopAsync(graceful);
        await WaitUntilAsync(() => run.Errors.Count >= 8, "errors while Azurite is down");
        var createdBeforeRestart = run.Created.Count;
        await azurite.RestartAsync();
        var startedAfterRestart = run.NextIndex;
        await WaitUntilAsync(() => run.Created.Count >= createdBeforeRestart + 100, "100 creates after the restart");
        await run.StopAsync(workers);

        // Clear errors: always the typed "unavailable", always naming where storage was.
        Assert.All(run.Errors, e =>
        {
            Assert.IsType<StorageUnavailableException>(e);
            Assert.Contains(store.Location, e.Message, StringComparison.Ordinal);
        });

        // No corrupt blob: everything stored reads back whole and is what its key says.
        var keys = await StorageTestSupport.AllKeysAsync(store, "fault/items/");
        foreach (var key in keys)
        {
            var item = LoadRun.ReadItem(key, (await store.ReadAsync(key, default))!.Content);
            Assert.Equal(LoadRun.ItemKey("fault", item.Index), key);
        }

        // Only what was attempted is there. After a graceful stop nothing acknowledged is missing
        // (a killed Azurite may lose its last seconds: its own durability, not the bot's).
        Assert.Subset(run.Created.Concat(run.InDoubt).ToHashSet(), keys.ToHashSet());
        var afterRestart = run.Created.Where(k => string.CompareOrdinal(k, LoadRun.ItemKey("fault", startedAfterRestart)) >= 0).ToList();
        Assert.True(afterRestart.Count >= 50, "Work resumed after the restart.");
        Assert.Subset(keys.ToHashSet(), (graceful ? run.Created.ToList() : afterRestart).ToHashSet());

        // Every increment is in the counter at most once; acknowledged ones are all there.
        var counter = (await StorageTestSupport.State(store).ReadAsync(LoadRun.CounterKey("fault"), LoadRun.CounterKind, default))!.Value;
        Assert.Equal(counter.Ids.Count, counter.Value);
        Assert.Equal(counter.Ids.Count, counter.Ids.Distinct().Count());
        Assert.Subset(run.Incremented.Concat(run.IncrementsInDoubt).ToHashSet(), counter.Ids.ToHashSet());
        if (graceful)
        {
            Assert.Subset(counter.Ids.ToHashSet(), run.Incremented.ToHashSet());
        }
    }

    [Fact]
    public async Task After_an_in_memory_azurite_restarts_empty_the_container_is_made_again_on_the_next_write()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var store = BlobDocumentStore.WithConnectionString(azurite.ConnectionString, "stuyfbot", NullLogger<BlobDocumentStore>.Instance);
        await store.EnsureReadyAsync(default);
        await store.CreateAsync("people/a/1.json", "{}"u8.ToArray(), default);

        await azurite.StopAsync(graceful: false);
        var down = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync("people/a/1.json", default));
        await azurite.RestartAsync();
        var created = await store.CreateAsync("people/a/2.json", "{}"u8.ToArray(), default);

        Assert.Contains("could not be reached", down.Message, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Written, created.Status);
        Assert.Equal(["people/a/2.json"], await StorageTestSupport.AllKeysAsync(store, "people/"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Writers that create items and increment a counter, keeping score of every outcome.</summary>
    private sealed class FaultRun(BlobDocumentStore store)
    {
        private readonly StateStore _state = StorageTestSupport.State(store, maxAttempts: 1000);
        private readonly CancellationTokenSource _stop = new();
        private int _next;

        public ConcurrentQueue<string> Created { get; } = new();

        public ConcurrentQueue<string> InDoubt { get; } = new();

        public ConcurrentQueue<string> Incremented { get; } = new();

        public ConcurrentQueue<string> IncrementsInDoubt { get; } = new();

        public ConcurrentQueue<Exception> Errors { get; } = new();

        public Task[] Start(int writers) => [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];

        public async Task StopAsync(Task[] workers)
        {
            await _stop.CancelAsync();
            await Task.WhenAll(workers);
            _stop.Dispose();
        }

        /// <summary>The index the next item will have: items from here on were started after this moment.</summary>
        public int NextIndex => Volatile.Read(ref _next) + 1;

        private async Task WriteAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref _next);
                var key = LoadRun.ItemKey("fault", index);
                try
                {
                    var result = await store.CreateAsync(key, LoadRun.ItemKind.Serialize(new Item("fault", index)), CancellationToken.None);
                    Assert.True(result.IsWritten, $"{key} is written once only.");
                    Created.Enqueue(key);
                }
                catch (StorageUnavailableException ex)
                {
                    Errors.Enqueue(ex);
                    InDoubt.Enqueue(key);
                    await Task.Delay(20);
                }

                var id = "inc-" + index;
                try
                {
                    await _state.UpdateAsync(
                        LoadRun.CounterKey("fault"),
                        LoadRun.CounterKind,
                        c => (c is null ? new Counter(1, [id]) : new Counter(c.Value + 1, [.. c.Ids, id]), true),
                        CancellationToken.None);
                    Incremented.Enqueue(id);
                }
                catch (StorageUnavailableException ex)
                {
                    Errors.Enqueue(ex);
                    IncrementsInDoubt.Enqueue(id);
                }
            }
        }
    }
}
