using System.Security.Cryptography;

namespace StuyfBot.Platform.Storage.Files;

/// <summary>
/// Documents as files under one folder, for running without Azure. A write goes to a temporary
/// file that is flushed to disk and then renamed over the target, so a reader sees the old or the
/// new document, never half of one, and a crash leaves at most a stray temporary file (ignored).
/// The temporary file is written outside any lock; checking the condition and renaming hold a
/// lock for the key's stripe: a semaphore for the tasks of this process and an exclusive lock
/// file for other processes on this machine. The ETag is a hash of
/// the content, so a conditional write succeeds exactly when the document is still what the
/// writer read.
/// </summary>
public sealed class FileDocumentStore : IDocumentStore, IDisposable
{
    /// <summary>Keys share this many locks; two keys in one stripe only wait for each other briefly.</summary>
    private const int Stripes = 64;

    /// <summary>Thread-pool threads a bot on the file store has from the start (see <see cref="ReserveThreadsForFlushes"/>).</summary>
    internal const int MinWorkerThreads = 32;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);

    private readonly string _root;
    private readonly string _locks;
    private readonly SemaphoreSlim[] _gates;

    public FileDocumentStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
        _locks = Path.Combine(_root, ".locks");
        _gates = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];
    }

    public string Location => _root;

    /// <summary>
    /// Every write holds a thread-pool thread while it flushes to disk (there is no asynchronous
    /// fsync), and the pool does not count that as blocked: a burst of writes on a freshly started
    /// bot (300 answers within a second) waited for the pool to add threads only gradually, and
    /// every turn waited with it. So a bot on the file store asks for enough threads from the start.
    /// </summary>
    public static void ReserveThreadsForFlushes()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinWorkerThreads, completionPorts);
        }
    }

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(_locks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageUnavailableException($"The data folder {_root} cannot be created: {ex.Message}", ex);
        }

        var probe = $"system/probes/{Guid.NewGuid():N}.json";
        var written = await CreateAsync(probe, "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var read = await ReadAsync(probe, cancellationToken).ConfigureAwait(false);
        if (!written.IsWritten || read is null || read.ETag != written.ETag)
        {
            throw new StorageUnavailableException($"The data folder {_root} did not keep a probe document.");
        }

        await DeleteAsync(probe, read.ETag, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        var bytes = await ReadBytesAsync(PathOf(key), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : new StoredDocument(key, bytes, ETagOf(bytes));
    }

    public async Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        var path = PathOf(key);
        if (File.Exists(path))
        {
            // A redelivery, usually: no need to write and flush a file only to throw it away.
            return WriteResult.Conflict;
        }

        var temporary = await WriteTemporaryAsync(path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            using (await LockAsync(key, cancellationToken).ConfigureAwait(false))
            {
                if (File.Exists(path))
                {
                    return WriteResult.Conflict;
                }

                Commit(temporary, path);
                return WriteResult.Written(ETagOf(content.Span));
            }
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    public async Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        var path = PathOf(key);
        var temporary = await WriteTemporaryAsync(path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            using (await LockAsync(key, cancellationToken).ConfigureAwait(false))
            {
                var current = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
                if (current is null || ETagOf(current) != ifMatch)
                {
                    return WriteResult.Conflict;
                }

                Commit(temporary, path);
                return WriteResult.Written(ETagOf(content.Span));
            }
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    public async Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        var path = PathOf(key);
        using (await LockAsync(key, cancellationToken).ConfigureAwait(false))
        {
            var current = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return DeleteResult.NotFound;
            }

            if (ifMatch is not null && ETagOf(current) != ifMatch)
            {
                return DeleteResult.Conflict;
            }

            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unavailable("delete", key, ex);
            }

            return DeleteResult.Deleted;
        }
    }

    public Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        DocumentKey.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var folder = prefix.LastIndexOf('/') is var slash and >= 0 ? prefix[..slash] : string.Empty;
        var start = Path.Combine(_root, folder);
        if (!Directory.Exists(start))
        {
            return Task.FromResult(new DocumentPage([], null));
        }

        List<string> keys;
        try
        {
            keys = [.. Directory.EnumerateFiles(start, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
                .Select(KeyOf)
                .OfType<string>()
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal)
                    && (continuationToken is null || string.CompareOrdinal(k, continuationToken) > 0))
                .Order(StringComparer.Ordinal)
                .Take(pageSize + 1)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable("list", prefix, ex);
        }

        return Task.FromResult(keys.Count > pageSize
            ? new DocumentPage(keys[..pageSize], keys[pageSize - 1])
            : new DocumentPage(keys, null));
    }

    public void Dispose()
    {
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }
    }

    /// <summary>A strong ETag from the content: equal content, equal ETag.</summary>
    internal static string ETagOf(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return "\"" + Convert.ToHexStringLower(hash[..16]) + "\"";
    }

    /// <summary>The same stripe for a key in every process (string.GetHashCode differs per process): FNV-1a.</summary>
    private static int StripeOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Stripes);
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The key of a file, or null for the store's own files (temporary files, locks).</summary>
    private string? KeyOf(string path)
    {
        var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
        return DocumentKey.IsValid(key) ? key : null;
    }

    private async Task<byte[]?> ReadBytesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable("read", path, ex);
        }
    }

    /// <summary>
    /// Writes the content to a new temporary file next to the target and flushes it to disk, so
    /// the rename that publishes it cannot expose a torn document, even after a crash.
    /// </summary>
    private async Task<string> WriteTemporaryAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            return temporary;
        }
        catch (Exception ex)
        {
            TryDelete(temporary);
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw Unavailable("write", path, ex);
            }

            throw;
        }
    }

    /// <summary>Publishes the temporary file under the target's name in one atomic rename.</summary>
    private void Commit(string temporary, string path)
    {
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable("write", path, ex);
        }
    }

    private async Task<IDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(key);
        var gate = _gates[stripe];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Held(gate, await LockFileAsync(stripe, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>
    /// Opens the stripe's lock file exclusively (FileShare.None takes an flock, which other
    /// processes respect). Lock files are never deleted, so no one can lock a file that is gone.
    /// </summary>
    private async Task<FileStream> LockFileAsync(int stripe, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_locks, stripe.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ".lock");
        var deadline = DateTime.UtcNow + LockTimeout;
        var wait = 1;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (DirectoryNotFoundException)
            {
                Directory.CreateDirectory(_locks);
            }
            catch (IOException ex) when (DateTime.UtcNow >= deadline)
            {
                throw new StorageUnavailableException($"The data folder {_root} stayed locked by another process for {LockTimeout.TotalSeconds:0} s.", ex);
            }
            catch (IOException)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                wait = Math.Min(wait * 2, 20);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new StorageUnavailableException($"The data folder {_root} cannot be locked: {ex.Message}", ex);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            // Nothing to do after a successful rename: the temporary name is gone.
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is ignored by reads and listings.
        }
    }

    private StorageUnavailableException Unavailable(string operation, string what, Exception ex) =>
        new($"The data folder {_root} failed to {operation} '{what}': {ex.Message}", ex);

    private sealed class Held(SemaphoreSlim gate, FileStream file) : IDisposable
    {
        public void Dispose()
        {
            file.Dispose();
            gate.Release();
        }
    }
}
