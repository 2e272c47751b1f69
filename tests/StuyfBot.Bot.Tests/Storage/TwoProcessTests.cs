using System.Globalization;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.StorageLoad;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>
/// The concurrency load from two processes at once (tests/StuyfBot.StorageLoad, 16 tasks each)
/// on one store: every key is raced by both, the counter is incremented by both.
/// </summary>
public sealed class TwoProcessTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Creates = 500;
    private const int UpdatesEach = 100;

    private readonly AzuriteFixture _azurite;
    private readonly TempFolder _folder = new();

    public TwoProcessTests(AzuriteFixture azurite) => _azurite = azurite;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_processes_on_one_azurite_lose_nothing_and_duplicate_nothing()
    {
        var container = AzuriteFixture.NewContainer();
        var store = _azurite.NewStore(container);
        await store.EnsureReadyAsync(default);

        var reports = await RunTwoAsync(worker => ["blob", _azurite.Server.ConnectionString, container, "load", worker, .. Numbers()]);

        await LoadAssertions.AssertConsistentAsync(store, "load", Creates, 2 * UpdatesEach, reports);
    }

    [Fact]
    public async Task Two_processes_on_one_data_folder_lose_nothing_and_duplicate_nothing()
    {
        var data = Path.Combine(_folder.Path, "data");

        var reports = await RunTwoAsync(worker => ["file", data, "load", worker, .. Numbers()]);

        using var store = new FileDocumentStore(data);
        await LoadAssertions.AssertConsistentAsync(store, "load", Creates, 2 * UpdatesEach, reports);
    }

    private static string[] Numbers() =>
        [Creates.ToString(CultureInfo.InvariantCulture), UpdatesEach.ToString(CultureInfo.InvariantCulture), "16"];

    /// <summary>Starts both, lets them go at the same moment, and reads their reports.</summary>
    private async Task<LoadReport[]> RunTwoAsync(Func<string, string[]> arguments)
    {
        var reports = (await StorageTestSupport.RunTwoTogetherAsync(_folder.Path, arguments)).Select(LoadRun.FromJson).ToArray();

        // Both won some races: they really ran at the same time.
        Assert.All(reports, r => Assert.NotEmpty(r.Created));
        return reports;
    }
}
