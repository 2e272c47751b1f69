using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>
/// A real store that counts the calls made to it (to prove the hot path does not read storage).
/// The reminder poller's background calls (under reminders/ and reminder-claims/) are no turn's, so they are not counted.
/// </summary>
public sealed class CountingStore(IDocumentStore inner) : IDocumentStore
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Location => inner.Location;

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => inner.EnsureReadyAsync(cancellationToken);

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) => Count(key, inner.ReadAsync(key, cancellationToken));

    public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => Count(key, inner.CreateAsync(key, content, cancellationToken));

    public Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken) => Count(key, inner.ReplaceAsync(key, content, ifMatch, cancellationToken));

    public Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken) => Count(key, inner.DeleteAsync(key, ifMatch, cancellationToken));

    public Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken) => Count(prefix, inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken));

    private T Count<T>(string key, T result)
    {
        if (!key.StartsWith(StateKeys.RemindersPrefix, StringComparison.Ordinal) && !key.StartsWith(StateKeys.ReminderClaimsPrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _calls);
        }

        return result;
    }
}
