using Microsoft.Extensions.Options;

namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// Typed documents on the <see cref="IDocumentStore"/>, and the two write patterns every feature
/// uses: <see cref="UpdateAsync{TState, TResult}(string, DocumentKind{TState}, Func{TState, ValueTuple{TState, TResult}}, CancellationToken)"/> (load, decide with a pure function, commit with If-Match, and
/// on a conflict load and decide again) for small state such as a session head, and
/// <see cref="AppendAsync"/> (create-only, keyed by the inbound activity id) for records, so a
/// redelivered activity is harmless.
/// </summary>
public sealed partial class StateStore
{
    private readonly IDocumentStore _store;
    private readonly int _maxAttempts;
    private readonly ILogger<StateStore> _log;

    public StateStore(IDocumentStore store, IOptions<StorageOptions> options, ILogger<StateStore> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _maxAttempts = Math.Max(1, options.Value.MaxCommitAttempts);
        _log = log;
    }

    public IDocumentStore Documents => _store;

    public async Task<Versioned<T>?> ReadAsync<T>(string key, DocumentKind<T> kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new Versioned<T>(kind.Deserialize(key, stored.Content), stored.ETag);
    }

    /// <summary>The document; <paramref name="seen"/> itself while the stored ETag is still its ETag.</summary>
    public async Task<Versioned<T>?> ReadAsync<T>(string key, DocumentKind<T> kind, Versioned<T>? seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null
            : seen is not null && seen.ETag == stored.ETag ? seen
            : new Versioned<T>(kind.Deserialize(key, stored.Content), stored.ETag);
    }

    /// <summary>Writes the document if none has this key; null when one exists already.</summary>
    public async Task<Versioned<T>?> TryCreateAsync<T>(string key, DocumentKind<T> kind, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var result = await _store.CreateAsync(key, kind.Serialize(value), cancellationToken).ConfigureAwait(false);
        return result.IsWritten ? new Versioned<T>(value, result.ETag!) : null;
    }

    /// <summary>
    /// Stores a record create-only. "Already there" means this activity was handled before (Teams
    /// redelivers when the bot is slow): that is success, and the first record stays as it was.
    /// </summary>
    public async Task<AppendResult> AppendAsync<T>(string key, DocumentKind<T> kind, T record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var result = await _store.CreateAsync(key, kind.Serialize(record), cancellationToken).ConfigureAwait(false);
        if (!result.IsWritten)
        {
            LogRedelivered(key);
            return AppendResult.AlreadyRecorded;
        }

        return AppendResult.Appended;
    }

    /// <summary>
    /// Load, decide, commit. <paramref name="decide"/> gets the current state (null when there is
    /// none) and returns the new state and a result; it must be pure, because it runs again on the
    /// fresh state when another writer committed first. Returning the same state (or an equal one)
    /// writes nothing. Gives up with <see cref="StorageUnavailableException"/> after
    /// <see cref="StorageOptions.MaxCommitAttempts"/> lost races in a row.
    /// </summary>
    public Task<Committed<TState, TResult>> UpdateAsync<TState, TResult>(
        string key,
        DocumentKind<TState> kind,
        Func<TState?, (TState? State, TResult Result)> decide,
        CancellationToken cancellationToken)
        where TState : class =>
        UpdateAsync(key, kind, decide, seen: null, cancellationToken);

    /// <summary>
    /// <see cref="UpdateAsync{TState, TResult}(string, DocumentKind{TState}, Func{TState, ValueTuple{TState, TResult}}, CancellationToken)"/>
    /// for a caller that keeps the document as it last read or wrote it (<paramref name="seen"/>):
    /// while the stored ETag is still that one, the stored document is that value and is not
    /// deserialized again (a big document read for every commit of a burst costs its bytes only).
    /// </summary>
    public async Task<Committed<TState, TResult>> UpdateAsync<TState, TResult>(
        string key,
        DocumentKind<TState> kind,
        Func<TState?, (TState? State, TResult Result)> decide,
        Versioned<TState>? seen,
        CancellationToken cancellationToken)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(key, kind, seen, cancellationToken).ConfigureAwait(false);
            seen = current;
            var (state, result) = decide(current?.Value);
            if (state is null || ReferenceEquals(state, current?.Value) || Equals(state, current?.Value))
            {
                return new Committed<TState, TResult>(current?.Value, current?.ETag, result, Written: false, attempt);
            }

            var content = kind.Serialize(state);
            var write = current is null
                ? await _store.CreateAsync(key, content, cancellationToken).ConfigureAwait(false)
                : await _store.ReplaceAsync(key, content, current.ETag, cancellationToken).ConfigureAwait(false);
            if (write.IsWritten)
            {
                return new Committed<TState, TResult>(state, write.ETag, result, Written: true, attempt);
            }

            LogConflict(key, attempt);
            if (attempt >= _maxAttempts)
            {
                throw new StorageUnavailableException($"'{key}' kept changing under {attempt} attempts to update it.");
            }

            // A little random wait spreads writers that collided, so they do not collide again.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2 << Math.Min(attempt, 6))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a document whatever its state (retention, "delete my data").</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _store.DeleteAsync(key, ifMatch: null, cancellationToken).ConfigureAwait(false) == DeleteResult.Deleted;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another writer changed {Key} first (attempt {Attempt}); deciding again")]
    private partial void LogConflict(string key, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} was recorded before: a redelivered activity")]
    private partial void LogRedelivered(string key);
}

public enum AppendResult
{
    Appended,

    /// <summary>The record existed already: the same activity was handled before.</summary>
    AlreadyRecorded,
}

/// <summary>The outcome of <see cref="StateStore.UpdateAsync{TState, TResult}(string, DocumentKind{TState}, Func{TState, ValueTuple{TState, TResult}}, CancellationToken)"/>: the state as stored now and the decision's result.</summary>
public sealed record Committed<TState, TResult>(TState? State, string? ETag, TResult Result, bool Written, int Attempts);
