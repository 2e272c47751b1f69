using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Scheduling;

/// <summary>
/// Stores reminders under <c>reminders/{yyyy-MM-dd}/{HHmmss}-{id}.json</c> (create-only), and
/// cancels them with a "cancelled" claim, which stops a dispatcher that read the reminder a
/// moment ago as surely as one that comes later.
/// </summary>
public sealed partial class ReminderScheduler : IReminderScheduler
{
    private const int MaxIdLength = 100;
    private const int MaxKindLength = 64;
    private const int MaxCancelAttempts = 5;

    private readonly IDocumentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ReminderScheduler> _log;

    public ReminderScheduler(IDocumentStore store, TimeProvider time, ILogger<ReminderScheduler> log)
    {
        _store = store;
        _time = time;
        _log = log;
    }

    public async Task<bool> ScheduleAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ValidateId(reminder.Id);
        if (string.IsNullOrWhiteSpace(reminder.Kind) || reminder.Kind.Length > MaxKindLength)
        {
            throw new ArgumentException($"A reminder kind is 1-{MaxKindLength} characters.", nameof(reminder));
        }

        ArgumentNullException.ThrowIfNull(reminder.Payload, nameof(reminder));
        var stamped = reminder.CreatedAt == default ? reminder with { CreatedAt = _time.GetUtcNow() } : reminder;
        var content = ReminderDocuments.Reminder.Serialize(stamped);
        if (content.Length > ReminderDocuments.MaxReminderBytes)
        {
            throw new ArgumentException($"Reminder '{reminder.Id}' is {content.Length} bytes stored; the most is {ReminderDocuments.MaxReminderBytes}: keep ids in the payload, not content.", nameof(reminder));
        }

        var key = StateKeys.Reminder(reminder.DueAt, reminder.Id);
        var written = await _store.CreateAsync(key, content, cancellationToken).ConfigureAwait(false);
        if (written.IsWritten)
        {
            LogScheduled(reminder.Id, reminder.Kind, reminder.DueAt);
        }
        else
        {
            LogAlreadyScheduled(reminder.Id, reminder.DueAt);
        }

        return written.IsWritten;
    }

    public async Task<bool> CancelAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ValidateId(id);
        var claimKey = StateKeys.ReminderClaim(dueAt, id);
        var cancelled = false;
        for (var attempt = 1; attempt <= MaxCancelAttempts; attempt++)
        {
            var now = _time.GetUtcNow();
            var existing = await ReminderDocuments.ReadClaimAsync(_store, claimKey, cancellationToken).ConfigureAwait(false);
            WriteResult write;
            if (existing is null)
            {
                var tombstone = new ReminderClaim(null, ReminderState.Cancelled, null, now, 0, null, now);
                write = await _store.CreateAsync(claimKey, ReminderDocuments.Claim.Serialize(tombstone), cancellationToken).ConfigureAwait(false);
            }
            else if (CanCancel(existing.Value, now))
            {
                var claim = existing.Value with { State = ReminderState.Cancelled, Owner = null, UpdatedAt = now };
                write = await _store.ReplaceAsync(claimKey, ReminderDocuments.Claim.Serialize(claim), existing.ETag, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                cancelled = existing.Value.State == ReminderState.Cancelled;
                break;
            }

            if (write.IsWritten)
            {
                cancelled = true;
                break;
            }

            // A dispatcher claimed it between our read and our write: look again.
        }

        // The reminder itself goes in every case: a finished one is gone soon anyway, and one that
        // is firing now will not be taken over by another instance if its owner dies.
        await _store.DeleteAsync(StateKeys.Reminder(dueAt, id), ifMatch: null, cancellationToken).ConfigureAwait(false);
        LogCancelled(id, dueAt, cancelled);
        return cancelled;
    }

    /// <summary>Not started, waiting for a retry, or firing on an instance whose lease ran out.</summary>
    private static bool CanCancel(ReminderClaim claim, DateTimeOffset now) =>
        claim.State == ReminderState.Waiting || (claim.State == ReminderState.Firing && claim.Until <= now);

    private static void ValidateId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length > MaxIdLength || !DocumentKey.IsValidSegment(id))
        {
            throw new ArgumentException($"'{id}' is not a reminder id: use 1-{MaxIdLength} letters, digits, '-', '_', '.', '~', not starting with '.'.", nameof(id));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderId} ({ReminderKind}) scheduled for {DueAt:o}")]
    private partial void LogScheduled(string reminderId, string reminderKind, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderId} for {DueAt:o} was scheduled before; it fires once")]
    private partial void LogAlreadyScheduled(string reminderId, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderId} for {DueAt:o} cancel requested; cancelled before firing: {Cancelled}")]
    private partial void LogCancelled(string reminderId, DateTimeOffset dueAt, bool cancelled);
}
