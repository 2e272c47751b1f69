using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// A session's records on the file store: reads that arrive while a listing runs share the next
/// listing, and every read sees what was stored before it asked, also by another instance.
/// </summary>
public sealed class SessionItemReadsTests : IDisposable
{
    private const string SessionId = "s1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private readonly FileDocumentStore _files;
    private readonly HeldListings _store;
    private readonly StateStore _state;
    private readonly SessionItemStore _items;

    public SessionItemReadsTests()
    {
        _files = new FileDocumentStore(_folder.Path);
        _store = new HeldListings(_files);
        _state = StorageTestSupport.State(_store);
        _items = new SessionItemStore(_state, TimeProvider.System, NullLogger<SessionItemStore>.Instance);
    }

    public void Dispose()
    {
        _files.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Reads_during_a_listing_share_the_next_one_and_see_what_another_instance_stored_before_they_asked()
    {
        await _items.AppendAsync(SessionId, Answer("mine"), default);
        _store.HoldNext();
        var first = _items.ReadAsync(SessionId, default);
        await _store.Held.WaitAsync(Patience);

        // Another instance records an answer; then twenty turns read.
        await _state.AppendAsync(SessionKeys.SessionItem(SessionId, "theirs"), SessionItemDocuments.Kind, Answer("theirs"), default);
        var later = Enumerable.Range(0, 20).Select(_ => _items.ReadAsync(SessionId, default)).ToList();
        _store.Release();

        Assert.Equal(["mine"], Ids(await first.WaitAsync(Patience)));
        Assert.All(await Task.WhenAll(later).WaitAsync(Patience), r => Assert.Equal(["mine", "theirs"], Ids(r)));
        Assert.Equal(2, _store.Listings);
    }

    [Fact]
    public async Task A_read_after_an_append_shows_it_without_another_instance_in_between()
    {
        for (var i = 0; i < 5; i++)
        {
            await _items.AppendAsync(SessionId, Answer($"a{i}"), default);
            Assert.Contains($"a{i}", Ids(await _items.ReadAsync(SessionId, default)));
        }

        Assert.Equal(5, (await _items.ReadAsync(SessionId, default)).AnswersTo("p1").Count);
    }

    [Fact]
    public async Task The_records_last_read_are_the_last_listing_and_what_this_process_appended_since_without_listing()
    {
        Assert.Null(_items.LastRead(SessionId));
        await _items.AppendAsync(SessionId, Answer("a1"), default);
        Assert.Null(_items.LastRead(SessionId));

        await _items.ReadAsync(SessionId, default);
        await _state.AppendAsync(SessionKeys.SessionItem(SessionId, "theirs"), SessionItemDocuments.Kind, Answer("theirs"), default);
        await _items.AppendAsync(SessionId, Answer("a2"), default);
        var listings = _store.Listings;

        Assert.Equal(["a1", "a2"], Ids(_items.LastRead(SessionId)!));
        Assert.Equal(listings, _store.Listings);
        Assert.Equal(["a1", "a2", "theirs"], Ids(await _items.ReadAsync(SessionId, default)));
        Assert.Equal(["a1", "a2", "theirs"], Ids(_items.LastRead(SessionId)!));
    }

    private static List<string> Ids(SessionRecords records) => [.. records.Items.Select(i => i.Id).Order(StringComparer.Ordinal)];

    private static AnswerRecord Answer(string id) => new()
    {
        Id = id,
        At = DateTimeOffset.UtcNow,
        AuthorKey = "29:" + id,
        AuthorName = id,
        PitchId = "p1",
        Kind = AnswerKind.Tip,
        Text = "tip",
    };

    /// <summary>The file store, counting listings; the next listing can be held after it has listed, before it answers.</summary>
    private sealed class HeldListings(IDocumentStore inner) : IDocumentStore
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _listings;
        private int _holdNext;

        public int Listings => Volatile.Read(ref _listings);

        public Task Held => _held.Task;

        public string Location => inner.Location;

        public void HoldNext() => Volatile.Write(ref _holdNext, 1);

        public void Release() => _gate.TrySetResult();

        public async Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _listings);
            var page = await inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);
            if (Interlocked.Exchange(ref _holdNext, 0) == 1)
            {
                _held.TrySetResult();
                await _gate.Task;
            }

            return page;
        }

        public Task EnsureReadyAsync(CancellationToken cancellationToken) => inner.EnsureReadyAsync(cancellationToken);

        public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.CreateAsync(key, content, cancellationToken);

        public Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken) => inner.ReplaceAsync(key, content, ifMatch, cancellationToken);

        public Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken) => inner.DeleteAsync(key, ifMatch, cancellationToken);
    }
}
