using System.Text;
using StuyfBot.Platform.Storage;
using StuyfBot.StorageLoad;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>
/// The storage contract, run against every store: the blob store on Azurite and the file store
/// must behave the same for every operation, every outcome and under concurrent writers.
/// </summary>
public abstract class DocumentStoreContract
{
    protected abstract Task<IDocumentStore> NewStoreAsync();

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredDocument document) => Encoding.UTF8.GetString(document.Content.Span);

    [Fact]
    public async Task Reading_a_missing_document_gives_null()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.ReadAsync("sessions/none/head.json", default));
    }

    [Fact]
    public async Task A_created_document_reads_back_with_the_same_content_and_etag()
    {
        var store = await NewStoreAsync();

        var created = await store.CreateAsync("sessions/s1/head.json", Json("""{"a":1}"""), default);
        var read = await store.ReadAsync("sessions/s1/head.json", default);

        Assert.Equal(WriteStatus.Written, created.Status);
        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.NotNull(read);
        Assert.Equal("""{"a":1}""", Text(read));
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal("sessions/s1/head.json", read.Key);
    }

    [Fact]
    public async Task Create_only_on_an_existing_document_is_a_conflict_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        var first = await store.CreateAsync("sessions/s1/items/1.json", Json("""{"n":1}"""), default);

        var second = await store.CreateAsync("sessions/s1/items/1.json", Json("""{"n":2}"""), default);

        Assert.Equal(WriteStatus.Conflict, second.Status);
        Assert.Null(second.ETag);
        var read = await store.ReadAsync("sessions/s1/items/1.json", default);
        Assert.Equal("""{"n":1}""", Text(read!));
        Assert.Equal(first.ETag, read!.ETag);
    }

    [Fact]
    public async Task Replace_with_the_current_etag_writes_and_gives_a_new_etag()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k/doc.json", Json("""{"v":1}"""), default);

        var replaced = await store.ReplaceAsync("k/doc.json", Json("""{"v":2}"""), created.ETag!, default);

        Assert.Equal(WriteStatus.Written, replaced.Status);
        Assert.NotEqual(created.ETag, replaced.ETag);
        var read = await store.ReadAsync("k/doc.json", default);
        Assert.Equal("""{"v":2}""", Text(read!));
        Assert.Equal(replaced.ETag, read!.ETag);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_a_conflict_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k/doc.json", Json("""{"v":1}"""), default);
        var second = await store.ReplaceAsync("k/doc.json", Json("""{"v":2}"""), created.ETag!, default);

        var stale = await store.ReplaceAsync("k/doc.json", Json("""{"v":3}"""), created.ETag!, default);

        Assert.Equal(WriteStatus.Conflict, stale.Status);
        var read = await store.ReadAsync("k/doc.json", default);
        Assert.Equal("""{"v":2}""", Text(read!));
        Assert.Equal(second.ETag, read!.ETag);
    }

    [Fact]
    public async Task Replace_of_a_missing_document_is_a_conflict_and_creates_nothing()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k/doc.json", Json("{}"), default);
        Assert.Equal(DeleteResult.Deleted, await store.DeleteAsync("k/doc.json", null, default));

        var replaced = await store.ReplaceAsync("k/doc.json", Json("""{"v":2}"""), created.ETag!, default);

        Assert.Equal(WriteStatus.Conflict, replaced.Status);
        Assert.Null(await store.ReadAsync("k/doc.json", default));
    }

    [Fact]
    public async Task Conditional_delete_deletes_only_the_version_it_names()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k/doc.json", Json("""{"v":1}"""), default);
        var replaced = await store.ReplaceAsync("k/doc.json", Json("""{"v":2}"""), created.ETag!, default);

        Assert.Equal(DeleteResult.Conflict, await store.DeleteAsync("k/doc.json", created.ETag, default));
        Assert.NotNull(await store.ReadAsync("k/doc.json", default));
        Assert.Equal(DeleteResult.Deleted, await store.DeleteAsync("k/doc.json", replaced.ETag, default));
        Assert.Null(await store.ReadAsync("k/doc.json", default));
        Assert.Equal(DeleteResult.NotFound, await store.DeleteAsync("k/doc.json", replaced.ETag, default));
        Assert.Equal(DeleteResult.NotFound, await store.DeleteAsync("k/doc.json", null, default));
    }

    [Fact]
    public async Task A_deleted_key_can_be_created_again()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("k/doc.json", Json("""{"v":1}"""), default);
        await store.DeleteAsync("k/doc.json", null, default);

        var again = await store.CreateAsync("k/doc.json", Json("""{"v":9}"""), default);

        Assert.Equal(WriteStatus.Written, again.Status);
        Assert.Equal("""{"v":9}""", Text((await store.ReadAsync("k/doc.json", default))!));
    }

    [Fact]
    public async Task Listing_pages_through_exactly_the_keys_under_the_prefix_in_order()
    {
        var store = await NewStoreAsync();
        var expected = Enumerable.Range(0, 25).Select(i => $"sessions/s1/items/{i:D3}.json").ToList();
        foreach (var key in expected.AsEnumerable().Reverse())
        {
            await store.CreateAsync(key, Json("{}"), default);
        }

        await store.CreateAsync("sessions/s1/head.json", Json("{}"), default);
        await store.CreateAsync("sessions/s10/items/000.json", Json("{}"), default);
        await store.CreateAsync("people/x/y.json", Json("{}"), default);

        var pages = new List<DocumentPage>();
        string? token = null;
        do
        {
            var page = await store.ListAsync("sessions/s1/items/", token, 10, default);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Equal(3, pages.Count);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Keys.Count));
        Assert.Equal(expected, pages.SelectMany(p => p.Keys));
    }

    [Fact]
    public async Task A_prefix_may_end_inside_a_segment()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("sessions/s1/head.json", Json("{}"), default);
        await store.CreateAsync("sessions/s10/head.json", Json("{}"), default);
        await store.CreateAsync("sessions/s2/head.json", Json("{}"), default);

        var keys = await StorageTestSupport.AllKeysAsync(store, "sessions/s1");

        Assert.Equal(["sessions/s1/head.json", "sessions/s10/head.json"], keys);
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, "nothing/"));
        Assert.Equal(3, (await StorageTestSupport.AllKeysAsync(store, string.Empty)).Count(k => k.StartsWith("sessions/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Markdown_html_and_larger_documents_round_trip_byte_for_byte()
    {
        var store = await NewStoreAsync();
        var markdown = Encoding.UTF8.GetBytes("# Verslag\n\n- Één tip: 'vraag hulp' ✓\n");
        var large = new byte[300_000];
        new Random(7).NextBytes(large);

        await store.CreateAsync("summaries/2026/03/s1.md", markdown, default);
        await store.CreateAsync("summaries/2026/03/s1.html", large, default);

        Assert.Equal(markdown, (await store.ReadAsync("summaries/2026/03/s1.md", default))!.Content.ToArray());
        Assert.Equal(large, (await store.ReadAsync("summaries/2026/03/s1.html", default))!.Content.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/lead")]
    [InlineData("trail/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData(".hidden/x.json")]
    [InlineData("a/.tmp")]
    [InlineData("with space.json")]
    [InlineData("e-mail@x.json")]
    [InlineData("a\\b.json")]
    [InlineData("ünïcode.json")]
    public async Task Keys_that_are_not_url_safe_segments_are_refused(string key)
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(key, Json("{}"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync(key, default));
    }

    [Fact]
    public async Task Getting_ready_twice_is_harmless_and_leaves_no_probe_behind()
    {
        var store = await NewStoreAsync();

        await store.EnsureReadyAsync(default);
        await store.EnsureReadyAsync(default);

        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, string.Empty));
    }

    /// <summary>
    /// 500 create-only writes raced by two workers of 16 tasks each (every key twice), and 200
    /// increments of one counter through the load-decide-commit helper: every key created once,
    /// by the worker that was told so, every lost race reported as a conflict, no increment lost.
    /// </summary>
    [Fact]
    public async Task Concurrent_writers_lose_nothing_duplicate_nothing_and_report_every_conflict()
    {
        var store = await NewStoreAsync();
        var plans = new[] { new LoadPlan("load", "a", 500, 100, 16), new LoadPlan("load", "b", 500, 100, 16) };

        var reports = await Task.WhenAll(plans.Select(p => LoadRun.RunAsync(store, p, default)));

        await LoadAssertions.AssertConsistentAsync(store, "load", 500, 200, reports);
    }
}

public static class LoadAssertions
{
    /// <summary>The checks every concurrency run must pass, in one process or several.</summary>
    public static async Task AssertConsistentAsync(IDocumentStore store, string prefix, int creates, int updates, IReadOnlyList<LoadReport> reports)
    {
        // Each key created exactly once in total: zero lost, zero duplicated.
        var created = reports.SelectMany(r => r.Created).ToList();
        Assert.Equal(creates, created.Count);
        Assert.Equal(Enumerable.Range(0, creates), created.Order());

        // Every attempt that did not create was reported as a conflict, none vanished.
        Assert.Equal((creates * reports.Count) - creates, reports.Sum(r => r.CreateConflicts));

        // What is stored says who created it, and that matches who was told "written".
        var keys = await StorageTestSupport.AllKeysAsync(store, prefix + "/items/");
        Assert.Equal(creates, keys.Count);
        foreach (var report in reports)
        {
            foreach (var index in report.Created)
            {
                var key = LoadRun.ItemKey(prefix, index);
                var item = LoadRun.ReadItem(key, (await store.ReadAsync(key, default))!.Content);
                Assert.Equal(report.Worker, item.Worker);
                Assert.Equal(index, item.Index);
            }
        }

        // Every increment landed once.
        var counter = LoadRun.CounterKind.Deserialize("counter", (await store.ReadAsync(LoadRun.CounterKey(prefix), default))!.Content);
        Assert.Equal(updates, counter.Value);
        Assert.Equal(updates, counter.Ids.Distinct().Count());
        Assert.Equal(updates, counter.Ids.Count);
        Assert.Equal(updates, reports.Sum(r => r.Updates));
    }
}
