using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Scheduling;

/// <summary>
/// Fires due reminders, each exactly once across every instance on the same store:
/// <list type="number">
/// <item>List <c>reminders/</c> in key order (due-time order) and stop at the first one not yet
/// due, so reminders missed during any downtime are found and future ones cost one page.</item>
/// <item>Claim a due reminder by creating its claim document create-only (state Firing, this
/// instance, a lease); only one instance can create it. A claim whose lease ran out (its instance
/// died) or whose retry time came is taken over with If-Match, so again only one instance wins.</item>
/// <item>Run the handler for its kind, cancelled after Reminders:HandlerTimeout (shorter than the lease).</item>
/// <item>Record the outcome with If-Match: Done, Waiting (retry with backoff) or Parked; then
/// delete the reminder. The claim stays (until Reminders:Retention) so a duplicate never fires.</item>
/// </list>
/// The one window left for a double send: the handler's effect happened (the message was posted)
/// but Done was never recorded, because the instance died or storage stayed unreachable for
/// longer than the lease; another instance then fires it again after the lease. (A handler that
/// ignores its cancellation token, or clocks that differ by more than LeaseDuration minus
/// HandlerTimeout, widen it.) Teams offers no idempotent send, so this cannot be closed here.
/// </summary>
public sealed partial class ReminderDispatcher
{
    private readonly IDocumentStore _store;
    private readonly Dictionary<string, IReminderHandler> _handlers;
    private readonly ReminderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReminderDispatcher> _log;

    /// <summary>Outcomes that happened but could not be recorded yet (storage down): tried again every pass.</summary>
    private readonly ConcurrentQueue<Unrecorded> _unrecorded = new();

    public ReminderDispatcher(
        IDocumentStore store,
        IEnumerable<IReminderHandler> handlers,
        IOptions<ReminderOptions> options,
        TimeProvider time,
        ILogger<ReminderDispatcher> log)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _time = time;
        _log = log;
        _handlers = new Dictionary<string, IReminderHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Two reminder handlers for kind '{handler.Kind}': {_handlers[handler.Kind].GetType().Name} and {handler.GetType().Name}.");
            }
        }

        InstanceId = string.IsNullOrWhiteSpace(_options.InstanceId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}")
            : _options.InstanceId;
    }

    /// <summary>This instance's name in claims.</summary>
    public string InstanceId { get; }

    /// <summary>
    /// One pass over the due reminders. Storage failures propagate (the next pass tries again);
    /// handler failures do not. Cancelling <paramref name="cancellationToken"/> abandons reminders
    /// in flight as a crash would (their claims wait for the lease to run out);
    /// <paramref name="stopClaiming"/> only stops taking new ones.
    /// </summary>
    public async Task<ReminderPass> RunOnceAsync(CancellationToken cancellationToken, CancellationToken stopClaiming = default)
    {
        await RecordUnrecordedAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var tally = new Tally();
        string? continuation = null;
        do
        {
            var page = await _store.ListAsync(StateKeys.RemindersPrefix, continuation, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            var due = new List<(string Key, DateTimeOffset DueSecond, string Id)>();
            var reachedFuture = false;
            foreach (var key in page.Keys)
            {
                if (!StateKeys.TryParseReminder(key, out var dueSecond, out var id))
                {
                    continue;
                }

                if (dueSecond > now)
                {
                    reachedFuture = true;
                    break;
                }

                due.Add((key, dueSecond, id));
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(due, parallel, async (item, token) =>
            {
                var outcome = stopClaiming.IsCancellationRequested
                    ? Outcome.Skipped
                    : await ProcessAsync(item.Key, item.DueSecond, item.Id, token).ConfigureAwait(false);
                tally.Add(outcome);
            }).ConfigureAwait(false);
            continuation = reachedFuture ? null : page.ContinuationToken;
        }
        while (continuation is not null && !stopClaiming.IsCancellationRequested);

        return tally.ToPass();
    }

    /// <summary>
    /// Deletes final claims (done, cancelled, parked) of reminders due before the retention
    /// period and finished before it too. Returns how many went.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - _options.Retention;
        var deleted = 0;
        string? continuation = null;
        do
        {
            var page = await _store.ListAsync(StateKeys.ReminderClaimsPrefix, continuation, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            continuation = page.ContinuationToken;
            foreach (var key in page.Keys)
            {
                if (!StateKeys.TryParseReminder(key, out var dueSecond, out _))
                {
                    continue;
                }

                if (dueSecond >= cutoff)
                {
                    continuation = null;
                    break;
                }

                Versioned<ReminderClaim>? claim;
                try
                {
                    claim = await ReminderDocuments.ReadClaimAsync(_store, key, cancellationToken).ConfigureAwait(false);
                }
                catch (StoredDocumentException ex)
                {
                    LogUnreadableClaim(ex, key);
                    continue;
                }

                if (claim is { Value.IsFinal: true } && claim.Value.UpdatedAt < cutoff
                    && await _store.DeleteAsync(key, claim.ETag, cancellationToken).ConfigureAwait(false) == DeleteResult.Deleted)
                {
                    deleted++;
                }
            }
        }
        while (continuation is not null);

        if (deleted > 0)
        {
            LogSwept(deleted, cutoff);
        }

        return deleted;
    }

    private async Task<Outcome> ProcessAsync(string key, DateTimeOffset dueSecond, string id, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Outcome.Skipped; // fired or cancelled since the listing
        }

        var claimKey = StateKeys.ReminderClaim(dueSecond, id);
        Reminder reminder;
        try
        {
            reminder = ReminderDocuments.Reminder.Deserialize(key, stored.Content);
        }
        catch (StoredDocumentException ex)
        {
            if (ReminderDocuments.IsNewer(ReminderDocuments.Reminder, stored.Content))
            {
                return Outcome.Skipped; // a newer instance's reminder: it fires it
            }

            await ParkUnreadableAsync(key, claimKey, stored.ETag, ex, cancellationToken).ConfigureAwait(false);
            return Outcome.Parked;
        }

        if (reminder.DueAt > _time.GetUtcNow())
        {
            return Outcome.Skipped; // due later within this second
        }

        var held = await ClaimAsync(key, stored.ETag, claimKey, reminder, cancellationToken).ConfigureAwait(false);
        return held is null ? Outcome.Skipped : await FireAsync(key, stored.ETag, held, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes this instance the one that fires the reminder, or returns null when it is not.</summary>
    private async Task<Held?> ClaimAsync(string key, string reminderETag, string claimKey, Reminder reminder, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fresh = new ReminderClaim(reminder, ReminderState.Firing, InstanceId, now + _options.LeaseDuration, 1, null, now);
        var created = await _store.CreateAsync(claimKey, ReminderDocuments.Claim.Serialize(fresh), cancellationToken).ConfigureAwait(false);
        if (created.IsWritten)
        {
            return new Held(claimKey, created.ETag!, fresh);
        }

        Versioned<ReminderClaim>? existing;
        try
        {
            existing = await ReminderDocuments.ReadClaimAsync(_store, claimKey, cancellationToken).ConfigureAwait(false);
        }
        catch (StoredDocumentException ex)
        {
            LogUnreadableClaim(ex, claimKey);
            return null;
        }

        if (existing is null)
        {
            return null; // swept or a newer version's: look again next pass
        }

        var claim = existing.Value;
        if (claim.IsFinal)
        {
            // Fired, cancelled or parked before: this copy is a duplicate or a leftover.
            await _store.DeleteAsync(key, reminderETag, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (claim.Until > now)
        {
            return null; // another instance is firing it, or its retry time has not come
        }

        if (claim.State == ReminderState.Firing)
        {
            LogTakeOver(reminder.Id, claim.Owner, claim.Until, claim.Attempts);
            if (claim.Attempts >= _options.MaxAttempts)
            {
                // Its last attempt never came back (perhaps it brought the instance down): stop here.
                var parked = claim with { Reminder = reminder, State = ReminderState.Parked, Owner = null, LastError = $"the instance {claim.Owner} never finished attempt {claim.Attempts}", UpdatedAt = now };
                var written = await _store.ReplaceAsync(claimKey, ReminderDocuments.Claim.Serialize(parked), existing.ETag, cancellationToken).ConfigureAwait(false);
                if (written.IsWritten)
                {
                    LogParked(null, reminder.Id, reminder.Kind, reminder.DueAt, claim.Attempts, parked.LastError!);
                    await _store.DeleteAsync(key, reminderETag, cancellationToken).ConfigureAwait(false);
                }

                return null;
            }
        }

        var next = claim with { Reminder = reminder, State = ReminderState.Firing, Owner = InstanceId, Until = now + _options.LeaseDuration, Attempts = claim.Attempts + 1, UpdatedAt = now };
        var replaced = await _store.ReplaceAsync(claimKey, ReminderDocuments.Claim.Serialize(next), existing.ETag, cancellationToken).ConfigureAwait(false);
        return replaced.IsWritten ? new Held(claimKey, replaced.ETag!, next) : null;
    }

    private async Task<Outcome> FireAsync(string key, string reminderETag, Held held, CancellationToken cancellationToken)
    {
        var reminder = held.Claim.Reminder!;
        var now = _time.GetUtcNow();
        var lateness = now > reminder.DueAt ? now - reminder.DueAt : TimeSpan.Zero;

        // Measured from the claim's own time, so the handler is stopped well before the lease ends
        // even when writing the claim was slow.
        var budget = held.Claim.UpdatedAt + _options.HandlerTimeout - now;
        Exception? failure = null;
        if (!_handlers.TryGetValue(reminder.Kind, out var handler))
        {
            failure = new InvalidOperationException($"No reminder handler for kind '{reminder.Kind}'.");
        }
        else if (budget <= TimeSpan.Zero)
        {
            failure = new TimeoutException("Claiming took longer than Reminders:HandlerTimeout; trying again later.");
        }
        else
        {
            using var timeout = new CancellationTokenSource(budget, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                LogFiring(reminder.Id, reminder.Kind, reminder.DueAt, lateness, held.Claim.Attempts);
                await handler.HandleAsync(reminder, lateness, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogAbandoned(reminder.Id, held.Claim.Until);
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failure = ex;
            }
        }

        // What happened must be recorded even while the host is stopping: an unrecorded send is
        // the double-send window. The store's own timeouts bound these calls.
        var outcome = failure is null
            ? held.Claim with { State = ReminderState.Done, LastError = null, UpdatedAt = _time.GetUtcNow() }
            : AfterFailure(held.Claim, failure);
        if (failure is not null)
        {
            if (outcome.State == ReminderState.Parked)
            {
                LogParked(failure, reminder.Id, reminder.Kind, reminder.DueAt, outcome.Attempts, outcome.LastError!);
            }
            else
            {
                LogRetry(failure, reminder.Id, reminder.Kind, outcome.Attempts, outcome.Until);
            }
        }

        var unrecorded = new Unrecorded(key, reminderETag, held, outcome);
        try
        {
            await RecordAsync(unrecorded, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            LogRecordDeferred(ex, reminder.Id, outcome.State, held.Claim.Until);
            _unrecorded.Enqueue(unrecorded);
        }

        return outcome.State switch
        {
            ReminderState.Done => Outcome.Fired,
            ReminderState.Parked => Outcome.Parked,
            _ => Outcome.Failed,
        };
    }

    private ReminderClaim AfterFailure(ReminderClaim claim, Exception failure)
    {
        var now = _time.GetUtcNow();
        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (claim.Attempts >= _options.MaxAttempts)
        {
            return claim with { State = ReminderState.Parked, Owner = null, LastError = error, UpdatedAt = now };
        }

        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(claim.Attempts - 1, 30));
        if (delay > _options.MaxRetryDelay)
        {
            delay = _options.MaxRetryDelay;
        }

        return claim with { State = ReminderState.Waiting, Owner = null, Until = now + delay, LastError = error, UpdatedAt = now };
    }

    /// <summary>Writes the outcome onto the claim this instance holds; a final one also removes the reminder.</summary>
    private async Task RecordAsync(Unrecorded record, CancellationToken cancellationToken)
    {
        var reminder = record.Held.Claim.Reminder!;
        var written = await _store.ReplaceAsync(record.Held.ClaimKey, ReminderDocuments.Claim.Serialize(record.Outcome), record.Held.ETag, cancellationToken).ConfigureAwait(false);
        if (!written.IsWritten)
        {
            LogLeaseLost(reminder.Id, record.Outcome.State, record.Held.Claim.Until);
            return;
        }

        if (record.Outcome.IsFinal)
        {
            try
            {
                await _store.DeleteAsync(record.ReminderKey, record.ReminderETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException)
            {
                // The final claim is recorded; the next pass that meets the reminder deletes it.
            }
        }

        if (record.Outcome.State == ReminderState.Done)
        {
            LogFired(reminder.Id, reminder.Kind, record.Held.Claim.Attempts);
        }
    }

    private async Task RecordUnrecordedAsync(CancellationToken cancellationToken)
    {
        var count = _unrecorded.Count;
        for (var i = 0; i < count && _unrecorded.TryDequeue(out var record); i++)
        {
            try
            {
                await RecordAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException)
            {
                _unrecorded.Enqueue(record);
                throw;
            }
        }
    }

    private async Task ParkUnreadableAsync(string key, string claimKey, string reminderETag, StoredDocumentException problem, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var parked = new ReminderClaim(null, ReminderState.Parked, null, now, 0, problem.Message, now);
        if ((await _store.CreateAsync(claimKey, ReminderDocuments.Claim.Serialize(parked), cancellationToken).ConfigureAwait(false)).IsWritten)
        {
            LogUnreadableReminder(problem, key);
            await _store.DeleteAsync(key, reminderETag, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {ReminderId} ({ReminderKind}) due {DueAt:o} firing, {Lateness} late, attempt {Attempt}")]
    private partial void LogFiring(string reminderId, string reminderKind, DateTimeOffset dueAt, TimeSpan lateness, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderId} ({ReminderKind}) fired on attempt {Attempt}")]
    private partial void LogFired(string reminderId, string reminderKind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId} ({ReminderKind}) failed on attempt {Attempt}; trying again from {RetryAt:o}")]
    private partial void LogRetry(Exception exception, string reminderId, string reminderKind, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {ReminderId} ({ReminderKind}) due {DueAt:o} PARKED after {Attempts} attempts, it will not fire: {Reason}")]
    private partial void LogParked(Exception? exception, string reminderId, string reminderKind, DateTimeOffset dueAt, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId}: instance {PreviousOwner} claimed it for attempt {Attempt} and its lease ran out at {LeaseUntil:o}; taking over")]
    private partial void LogTakeOver(string reminderId, string? previousOwner, DateTimeOffset leaseUntil, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {ReminderId}: its claim changed before the outcome {State} was recorded (lease ran out at {LeaseUntil:o}, or it was cancelled); another instance may fire it again")]
    private partial void LogLeaseLost(string reminderId, ReminderState state, DateTimeOffset leaseUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId}: outcome {State} not recorded (storage unavailable); trying again each pass, it must land before {LeaseUntil:o}")]
    private partial void LogRecordDeferred(Exception exception, string reminderId, ReminderState state, DateTimeOffset leaseUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId} abandoned while firing (forced stop); another instance takes it over after {LeaseUntil:o}")]
    private partial void LogAbandoned(string reminderId, DateTimeOffset leaseUntil);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Key} is unreadable and was PARKED")]
    private partial void LogUnreadableReminder(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder claim {Key} is unreadable; its reminder is left alone")]
    private partial void LogUnreadableClaim(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} finished reminder claims due before {Cutoff:o}")]
    private partial void LogSwept(int count, DateTimeOffset cutoff);

    private enum Outcome
    {
        Skipped,
        Fired,
        Failed,
        Parked,
    }

    /// <summary>A claim this instance holds: the ETag to write its outcome with.</summary>
    private sealed record Held(string ClaimKey, string ETag, ReminderClaim Claim);

    private sealed record Unrecorded(string ReminderKey, string ReminderETag, Held Held, ReminderClaim Outcome);

    private sealed class Tally
    {
        private int _due;
        private int _fired;
        private int _failed;
        private int _parked;

        public void Add(Outcome outcome)
        {
            Interlocked.Increment(ref _due);
            _ = outcome switch
            {
                Outcome.Fired => Interlocked.Increment(ref _fired),
                Outcome.Failed => Interlocked.Increment(ref _failed),
                Outcome.Parked => Interlocked.Increment(ref _parked),
                _ => 0,
            };
        }

        public ReminderPass ToPass() => new(_due, _fired, _failed, _parked);
    }
}

/// <summary>
/// What one pass saw: <see cref="Due"/> reminders were due and still there (including ones
/// another instance was firing or that wait for a retry); this instance fired, failed and parked some.
/// </summary>
public sealed record ReminderPass(int Due, int Fired, int Failed, int Parked);
