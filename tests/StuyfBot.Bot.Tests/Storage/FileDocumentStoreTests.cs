using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.StorageLoad;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>What only the file store has: temporary files, lock files, folders.</summary>
public sealed class FileDocumentStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Writes_leave_no_temporary_files_and_documents_are_plain_files_under_their_keys()
    {
        using var store = new FileDocumentStore(_folder.Path);
        var created = await store.CreateAsync("sessions/s1/head.json", """{"v":1}"""u8.ToArray(), default);
        await store.ReplaceAsync("sessions/s1/head.json", """{"v":2}"""u8.ToArray(), created.ETag!, default);
        await store.CreateAsync("sessions/s1/items/a.json", "{}"u8.ToArray(), default);

        var files = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_folder.Path, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".locks/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["sessions/s1/head.json", "sessions/s1/items/a.json"], files);
        Assert.Equal("""{"v":2}""", await File.ReadAllTextAsync(Path.Combine(_folder.Path, "sessions", "s1", "head.json")));
    }

    [Fact]
    public void A_bot_on_the_file_store_has_pool_threads_for_its_flushes_from_the_start()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        try
        {
            ThreadPool.SetMinThreads(Environment.ProcessorCount, completionPorts);

            using var store = (FileDocumentStore)StorageServiceCollectionExtensions.CreateStore(
                new StorageOptions { DataPath = _folder.Path }, new BotOptions(), _folder.Path, null, NullLoggerFactory.Instance);

            ThreadPool.GetMinThreads(out var reserved, out var ports);
            Assert.Equal((FileDocumentStore.MinWorkerThreads, completionPorts), (reserved, ports));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completionPorts);
        }
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crash_is_ignored()
    {
        using var store = new FileDocumentStore(_folder.Path);
        await store.CreateAsync("sessions/s1/head.json", """{"v":1}"""u8.ToArray(), default);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "sessions", "s1", ".head.json.0123.tmp"), """{"v":""");

        Assert.Equal(["sessions/s1/head.json"], await StorageTestSupport.AllKeysAsync(store, "sessions/"));
        Assert.Equal("""{"v":1}"""u8.ToArray(), (await store.ReadAsync("sessions/s1/head.json", default))!.Content.ToArray());
    }

    [Fact]
    public async Task Two_store_instances_on_one_folder_exclude_each_other_like_two_processes()
    {
        using var first = new FileDocumentStore(_folder.Path);
        using var second = new FileDocumentStore(_folder.Path);

        var reports = await Task.WhenAll(
            LoadRun.RunAsync(first, new LoadPlan("load", "a", 300, 60, 8), default),
            LoadRun.RunAsync(second, new LoadPlan("load", "b", 300, 60, 8), default));

        await LoadAssertions.AssertConsistentAsync(first, "load", 300, 120, reports);
    }

    [Fact]
    public async Task A_data_path_that_is_a_file_is_unavailable_with_the_path_in_the_message()
    {
        var file = Path.Combine(_folder.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        using var store = new FileDocumentStore(file);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.EnsureReadyAsync(default));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }
}
