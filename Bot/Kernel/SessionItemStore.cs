using System.Collections.Concurrent;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// A session's records (pitches, answers, next steps, notes): each stored on its own,
/// create-only under <c>sessions/{id}/items/</c>, keyed by the inbound activity's id, so a burst
/// of answers never contends and a redelivered activity is recorded once. Records never change
/// once written, so what was read once stays true: this keeps them in memory per session, and a
/// read lists the session's keys and fetches only those it has not seen (written by another
/// instance). Reads of one session share their listing and fold (<see cref="SharedRead{T}"/>),
/// so a burst of answers lists a few times, not once per answer. Nothing of the fold is stored.
/// </summary>
public sealed partial class SessionItemStore
{
    /// <summary>How many sessions' records are kept in memory (the least recently used go first).</summary>
    internal const int SessionsKept = 64;

    private readonly StateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionItemStore> _log;
    private readonly ConcurrentDictionary<string, Known> _sessions = new(StringComparer.Ordinal);

    public SessionItemStore(StateStore state, TimeProvider time, ILogger<SessionItemStore> log)
    {
        _state = state;
        _time = time;
        _log = log;
    }

    /// <summary>
    /// Stores the record unless one with its id exists (then this activity was handled before:
    /// the first record stays, and the answer is <see cref="AppendResult.AlreadyRecorded"/>).
    /// </summary>
    public async Task<AppendResult> AppendAsync(string sessionId, SessionItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = SessionKeys.SessionItem(sessionId, item.Id);
        var result = await _state.AppendAsync(key, SessionItemDocuments.Kind, item, cancellationToken).ConfigureAwait(false);
        if (result == AppendResult.Appended)
        {
            var known = KnownOf(sessionId);
            known.Items.TryAdd(key, Task.FromResult<SessionItem?>(item));
            lock (known.Lock)
            {
                known.LastRead = known.LastRead?.With(item);
            }
        }

        return result;
    }

    /// <summary>The session's records as stored now (everything stored before this call), folded.</summary>
    public Task<SessionRecords> ReadAsync(string sessionId, CancellationToken cancellationToken) =>
        KnownOf(sessionId).Reads.ReadAsync(cancellationToken);

    /// <summary>
    /// The records as this process last read them, with what it appended since; null when it has
    /// not read them. Without a listing, so it may lack records another instance stored since (and,
    /// until the next read, one this process appended while that listing ran): for decisions that
    /// depend only on records that can no longer change.
    /// </summary>
    public SessionRecords? LastRead(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var known))
        {
            return null;
        }

        lock (known.Lock)
        {
            return known.LastRead;
        }
    }

    /// <summary>Lists the session's keys, fetches those not seen before, and folds them all.</summary>
    private async Task<SessionRecords> ListAndFoldAsync(Known known, string sessionId)
    {
        var reads = new List<Task<SessionItem?>>();
        await foreach (var key in _state.Documents.ListAllAsync(SessionKeys.SessionItems(sessionId), 5000, CancellationToken.None).ConfigureAwait(false))
        {
            reads.Add(known.Items.GetOrAdd(key, k => FetchAsync(known, k)));
        }

        var items = await Task.WhenAll(reads).ConfigureAwait(false);
        var records = SessionRecords.From(items.OfType<SessionItem>());
        lock (known.Lock)
        {
            known.LastRead = records;
        }

        return records;
    }

    private async Task<SessionItem?> FetchAsync(Known known, string key)
    {
        try
        {
            // No caller's token: the read is shared, and one caller giving up must not fail the others.
            var stored = await _state.ReadAsync(key, SessionItemDocuments.Kind, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                known.Items.TryRemove(key, out _);
            }

            return stored?.Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            known.Items.TryRemove(key, out _);
            LogUnreadable(key, ex);
            throw;
        }
    }

    private Known KnownOf(string sessionId)
    {
        var now = _time.GetTimestamp();
        var known = _sessions.GetOrAdd(sessionId, id => new Known(k => ListAndFoldAsync(k, id)));
        known.LastUsed = now;
        if (_sessions.Count > SessionsKept)
        {
            foreach (var (id, _) in _sessions.Where(s => s.Key != sessionId).OrderBy(s => s.Value.LastUsed).Take(_sessions.Count - SessionsKept))
            {
                _sessions.TryRemove(id, out _);
            }
        }

        return known;
    }

    /// <summary>The records of one session read or written so far, by key, and the reads under way.</summary>
    private sealed class Known
    {
        public Known(Func<Known, Task<SessionRecords>> read) => Reads = new SharedRead<SessionRecords>(() => read(this));

        public ConcurrentDictionary<string, Task<SessionItem?>> Items { get; } = new(StringComparer.Ordinal);

        public SharedRead<SessionRecords> Reads { get; }

        /// <summary>Guards <see cref="LastRead"/>.</summary>
        public Lock Lock { get; } = new();

        /// <summary>The last listing's fold, and the records appended since (one answer is added without folding again).</summary>
        public SessionRecords? LastRead { get; set; }

        public long LastUsed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the session record {Key}")]
    private partial void LogUnreadable(string key, Exception exception);
}
