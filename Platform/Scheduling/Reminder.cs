namespace StuyfBot.Platform.Scheduling;

/// <summary>
/// Something the bot must do at a time (a timer warning, a follow-up), stored until it is done so
/// that a restart or a second instance neither loses it nor does it twice.
/// </summary>
/// <param name="Id">
/// Given by the caller and stable for one intent (e.g. a timer alert: a hash of session, pitch, phase, timer generation and kind):
/// scheduling the same id for the same time again changes nothing, and once it has fired or was
/// cancelled it does not fire again (for Reminders:Retention). To fire again, use a new id (e.g.
/// with the timer's version in it). 1-100 of letters, digits, '-', '_', '.', '~'.
/// </param>
/// <param name="Kind">Which <see cref="IReminderHandler"/> runs it.</param>
/// <param name="DueAt">When it should fire; it never fires earlier.</param>
/// <param name="Payload">What the handler needs, small (the whole reminder stays under 8 KB): ids, not personal data.</param>
public sealed record Reminder(string Id, string Kind, DateTimeOffset DueAt, IReadOnlyDictionary<string, string> Payload)
{
    /// <summary>When it was scheduled; the scheduler fills it in when left at default.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Runs the reminders of one <see cref="Kind"/>. A reminder is handed to one handler call at a
/// time across all instances; a call that throws is retried later (with backoff, a bounded number
/// of times, then parked). Handlers must check that the reminder still matters (the timer may
/// have been stopped: cancelling is best effort) and must honour the cancellation token, which
/// ends the call before the claim's lease can run out.
/// </summary>
public interface IReminderHandler
{
    /// <summary>The <see cref="Reminder.Kind"/> this handler runs.</summary>
    string Kind { get; }

    /// <param name="reminder">The reminder as scheduled.</param>
    /// <param name="lateness">How long after <see cref="Reminder.DueAt"/> it runs (zero or more): after downtime, say so.</param>
    /// <param name="cancellationToken">Cancelled when the handler's time (Reminders:HandlerTimeout) is up.</param>
    Task HandleAsync(Reminder reminder, TimeSpan lateness, CancellationToken cancellationToken);
}

/// <summary>Stores and cancels reminders; the <see cref="ReminderService"/> fires them.</summary>
public interface IReminderScheduler
{
    /// <summary>
    /// Stores the reminder create-only. True when it was stored now, false when a reminder with this
    /// id and due time was stored before (which is harmless: it fires once).
    /// </summary>
    Task<bool> ScheduleAsync(Reminder reminder, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure the reminder with this id and due time does not start firing (best effort: one
    /// that is firing right now finishes). True when it is cancelled (now or before), false when
    /// it has fired, is firing, or was parked.
    /// </summary>
    Task<bool> CancelAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken);
}
