namespace StuyfBot.Platform.Storage;

/// <summary>
/// The one storage contract: documents by key, each with an ETag that changes when it is written.
/// Writes are create-only or conditional, so concurrent writers (tasks, processes, instances)
/// never overwrite each other silently: a lost race is a <see cref="WriteStatus.Conflict"/>,
/// never an exception. An unreachable store throws <see cref="StorageUnavailableException"/>.
/// Keys are checked by <see cref="DocumentKey"/>.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Where the documents live, for log lines and messages (never a secret).</summary>
    string Location { get; }

    /// <summary>Creates the container or folder if needed and proves that writing and reading work.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken);

    /// <summary>The document and its ETag, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes the document only if no document has this key (If-None-Match: *).</summary>
    Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Replaces the document only if its ETag is still <paramref name="ifMatch"/> (If-Match).</summary>
    Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes the document; with <paramref name="ifMatch"/>, only if its ETag is still that.</summary>
    Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the keys that start with <paramref name="prefix"/>, in ordinal order. Pass the
    /// page's continuation token to get the next page; null means there is no next page.
    /// </summary>
    Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken);
}

/// <summary>A document as stored: its bytes and the ETag to make a conditional write with.</summary>
public sealed record StoredDocument(string Key, ReadOnlyMemory<byte> Content, string ETag);

public enum WriteStatus
{
    /// <summary>The document was written; <see cref="WriteResult.ETag"/> is its new ETag.</summary>
    Written,

    /// <summary>Another writer got there first (it exists already, or its ETag moved on). Nothing was written.</summary>
    Conflict,
}

public readonly record struct WriteResult(WriteStatus Status, string? ETag)
{
    public static WriteResult Conflict { get; } = new(WriteStatus.Conflict, null);

    public bool IsWritten => Status == WriteStatus.Written;

    public static WriteResult Written(string etag) => new(WriteStatus.Written, etag);
}

public enum DeleteResult
{
    Deleted,
    NotFound,

    /// <summary>The document's ETag is no longer the one given; nothing was deleted.</summary>
    Conflict,
}

/// <summary>One page of a listing.</summary>
public sealed record DocumentPage(IReadOnlyList<string> Keys, string? ContinuationToken);

public static class DocumentStoreExtensions
{
    /// <summary>All keys under the prefix, page by page.</summary>
    public static async IAsyncEnumerable<string> ListAllAsync(
        this IDocumentStore store,
        string prefix,
        int pageSize = 500,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            var page = await store.ListAsync(prefix, token, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var key in page.Keys)
            {
                yield return key;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
