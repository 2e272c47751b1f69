namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// <see cref="StateStore.UpdateAsync{TState, TResult}(string, DocumentKind{TState}, Func{TState, ValueTuple{TState, TResult}}, CancellationToken)"/> for a document that many turns change at once, such as a
/// conversation's sessions while sixty people check in. Updates of one key never run side by side
/// in this process: while one commit is under way, the updates that arrive for the same key wait;
/// then they are decided together, one after another in arrival order (each sees the state the
/// ones before it made), and committed in one write with If-Match. If another instance wrote
/// first, the whole group is decided again on the fresh state, as a single update would be. So a
/// burst costs a few writes instead of one per turn, and a slow write delays the turns behind it
/// once instead of once per turn. Other keys commit side by side; an idle key holds no memory.
/// </summary>
public sealed class GroupCommit<TState, TResult>
    where TState : class
{
    private readonly StateStore _state;
    private readonly DocumentKind<TState> _kind;

    /// <summary>The updates waiting per key; a key is here exactly while a commit loop runs for it.</summary>
    private readonly Dictionary<string, List<Update>> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public GroupCommit(StateStore state, DocumentKind<TState> kind)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(kind);
        _state = state;
        _kind = kind;
    }

    /// <summary>How many keys have an update committing or waiting.</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Decides and commits, as <see cref="StateStore.UpdateAsync{TState, TResult}(string, DocumentKind{TState}, Func{TState, ValueTuple{TState, TResult}}, CancellationToken)"/> does; the committed state is
    /// the one after the whole group. <paramref name="decide"/> must be pure. An update that is
    /// cancelled before its group is decided is dropped (and changes nothing); once its group is
    /// committing, it shares that commit's outcome.
    /// </summary>
    public Task<Committed<TState, TResult>> UpdateAsync(
        string key,
        Func<TState?, (TState? State, TResult Result)> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(decide);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Committed<TState, TResult>>(cancellationToken);
        }

        var update = new Update(decide, cancellationToken);
        bool idle;
        lock (_lock)
        {
            idle = !_waiting.TryGetValue(key, out var waiting);
            if (idle)
            {
                _waiting[key] = waiting = [];
            }

            waiting!.Add(update);
        }

        if (idle)
        {
            _ = Task.Run(() => CommitWhileWaitingAsync(key), CancellationToken.None);
        }

        return update.Completion.Task;
    }

    /// <summary>Commits the waiting updates group by group until none are left, then lets the key go.</summary>
    private async Task CommitWhileWaitingAsync(string key)
    {
        // The document as the last group left it: while nobody else writes, the next group's read
        // finds the same ETag and does not deserialize it again.
        Versioned<TState>? seen = null;
        while (true)
        {
            List<Update> group;
            lock (_lock)
            {
                var waiting = _waiting[key];
                if (waiting.Count == 0)
                {
                    _waiting.Remove(key);
                    return;
                }

                group = [.. waiting];
                waiting.Clear();
            }

            foreach (var dropped in group.Where(u => u.Cancellation.IsCancellationRequested))
            {
                dropped.Completion.TrySetCanceled(dropped.Cancellation);
            }

            group.RemoveAll(u => u.Cancellation.IsCancellationRequested);
            if (group.Count > 0)
            {
                seen = await CommitAsync(key, group, seen).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Commits one group; returns the document as stored after it (null when unknown).</summary>
    private async Task<Versioned<TState>?> CommitAsync(string key, List<Update> group, Versioned<TState>? seen)
    {
        try
        {
            // Shared by everyone in the group, so not cancelled by any one of them.
            var committed = await _state.UpdateAsync(key, _kind, stored => Decide(stored, group), seen, CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                var (result, error) = committed.Result[i];
                if (error is not null)
                {
                    group[i].Completion.TrySetException(error);
                }
                else
                {
                    group[i].Completion.TrySetResult(new Committed<TState, TResult>(committed.State, committed.ETag, result!, committed.Written, committed.Attempts));
                }
            }

            return committed is { State: { } state, ETag: { } etag } ? new Versioned<TState>(state, etag) : null;
        }
        catch (Exception ex)
        {
            // The store failed (or the stored document is unusable): nothing of the group was written.
            foreach (var update in group)
            {
                update.Completion.TrySetException(ex);
            }

            return null;
        }
    }

    /// <summary>Pure: the group's decisions in arrival order, each on the state the ones before it left.</summary>
    private static (TState? State, (TResult? Result, Exception? Error)[] Results) Decide(TState? stored, List<Update> group)
    {
        var state = stored;
        var results = new (TResult?, Exception?)[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            try
            {
                var (next, result) = group[i].Decide(state);
                state = next ?? state;
                results[i] = (result, null);
            }
            catch (Exception ex)
            {
                // A decision that fails fails its own turn only; the others still count.
                results[i] = (default, ex);
            }
        }

        return (state, results);
    }

    private sealed class Update(Func<TState?, (TState? State, TResult Result)> decide, CancellationToken cancellation)
    {
        public Func<TState?, (TState? State, TResult Result)> Decide { get; } = decide;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<Committed<TState, TResult>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
