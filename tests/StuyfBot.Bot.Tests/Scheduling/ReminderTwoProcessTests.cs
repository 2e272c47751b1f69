using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;
using StuyfBot.StorageLoad;

namespace StuyfBot.Bot.Tests.Scheduling;

/// <summary>
/// Two bot processes (tests/StuyfBot.StorageLoad in reminder mode: the real dispatcher on the
/// real clock) fire the same 200 overdue reminders from one store: each exactly once in total.
/// </summary>
public sealed class ReminderTwoProcessTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Count = 200;

    private readonly AzuriteFixture _azurite;
    private readonly TempFolder _folder = new();

    public ReminderTwoProcessTests(AzuriteFixture azurite) => _azurite = azurite;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_processes_on_one_azurite_fire_each_of_200_reminders_exactly_once()
    {
        var container = AzuriteFixture.NewContainer();
        var store = _azurite.NewStore(container);
        await store.EnsureReadyAsync(default);
        await ScheduleAsync(store);

        var reports = await RunTwoAsync(worker => ["reminders", "blob", _azurite.Server.ConnectionString, container, worker]);

        await AssertEachFiredOnceAsync(store, reports);
    }

    [Fact]
    public async Task Two_processes_on_one_data_folder_fire_each_of_200_reminders_exactly_once()
    {
        var data = Path.Combine(_folder.Path, "data");
        using var store = new FileDocumentStore(data);
        await store.EnsureReadyAsync(default);
        await ScheduleAsync(store);

        var reports = await RunTwoAsync(worker => ["reminders", "file", data, worker]);

        await AssertEachFiredOnceAsync(store, reports);
    }

    /// <summary>Overdue by minutes to seconds, spread over many due times (so over many pages).</summary>
    private static async Task ScheduleAsync(IDocumentStore store)
    {
        var scheduler = Reminders.Scheduler(store, TimeProvider.System);
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), async (i, ct) =>
            await scheduler.ScheduleAsync(Reminders.New($"r{i:D3}", start.AddSeconds(i * 2), ReminderLoad.Kind), ct));
    }

    private static async Task AssertEachFiredOnceAsync(IDocumentStore store, ReminderLoadReport[] reports)
    {
        var fired = reports.SelectMany(r => r.Fired).ToList();
        Assert.Equal(Count, fired.Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"r{i:D3}"), fired.Order(StringComparer.Ordinal));

        // Both really fired some: they ran at the same time, and the claims say who did which.
        Assert.All(reports, r => Assert.NotEmpty(r.Fired));
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
        foreach (var report in reports)
        {
            foreach (var id in report.Fired.Take(20))
            {
                Assert.True(StateKeys.TryParseReminder(await FindClaimKeyAsync(store, id), out var due, out _));
                var claim = await Reminders.ClaimAsync(store, id, due);
                Assert.Equal(ReminderState.Done, claim?.State);
                Assert.Equal(report.Worker, claim?.Owner);
            }
        }
    }

    private static async Task<string> FindClaimKeyAsync(IDocumentStore store, string id) =>
        (await StorageTestSupport.AllKeysAsync(store, StateKeys.ReminderClaimsPrefix)).Single(k => k.EndsWith($"-{id}.json", StringComparison.Ordinal));

    /// <summary>Starts both, lets them go at the same moment, and reads their reports.</summary>
    private async Task<ReminderLoadReport[]> RunTwoAsync(Func<string, string[]> arguments) =>
        [.. (await StorageTestSupport.RunTwoTogetherAsync(_folder.Path, arguments)).Select(ReminderLoad.FromJson)];
}
