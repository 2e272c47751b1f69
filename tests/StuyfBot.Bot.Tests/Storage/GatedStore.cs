using StuyfBot.Platform.Storage;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>
/// A real store whose writes to one key can be held at a gate (so that updates line up behind a
/// commit under way) or made to fail; it counts the writes that were tried.
/// </summary>
public sealed class GatedStore(IDocumentStore inner) : IDocumentStore
{
    private readonly Lock _lock = new();
    private string? _heldKey;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private int _writes;

    /// <summary>Writes tried (created, replaced or failed).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Completes when a write to the held key has reached the gate.</summary>
    public Task WriteHeld => _held.Task;

    public string Location => inner.Location;

    /// <summary>Holds the next writes to <paramref name="key"/> until <see cref="Release"/>.</summary>
    public void Hold(string key)
    {
        lock (_lock)
        {
            _heldKey = key;
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _heldKey = null;
            _gate.TrySetResult();
        }
    }

    /// <summary>Every write fails with <paramref name="failure"/> until this is called with null.</summary>
    public void FailWrites(Exception? failure) => Volatile.Write(ref _failure, failure);

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => inner.EnsureReadyAsync(cancellationToken);

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(key, () => inner.CreateAsync(key, content, cancellationToken));

    public Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken) =>
        WriteAsync(key, () => inner.ReplaceAsync(key, content, ifMatch, cancellationToken));

    public Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken) => inner.DeleteAsync(key, ifMatch, cancellationToken);

    public Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

    private async Task<WriteResult> WriteAsync(string key, Func<Task<WriteResult>> write)
    {
        Interlocked.Increment(ref _writes);
        Task? gate = null;
        lock (_lock)
        {
            if (_heldKey == key)
            {
                gate = _gate.Task;
                _held.TrySetResult();
            }
        }

        if (gate is not null)
        {
            await gate;
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }

        return await write();
    }
}
