using StuyfBot.Dialogs.Timers;
using StuyfBot.Platform.Scheduling;

namespace StuyfBot.Bot.Features.Timers;

/// <summary>
/// Stores the timer's alerts as durable reminders (kind <see cref="Kind"/>): after every timer
/// change, one reminder per alert of the new generation, named by the alert
/// (<see cref="AlertId.Key"/>), so scheduling the same generation again changes nothing.
/// Reminders of earlier generations are left to fire: <see cref="TimerAlertHandler"/> finds them
/// stale and sends nothing, which also covers a change that raced with their firing.
/// </summary>
public sealed partial class TimerAlertScheduler
{
    /// <summary>The <see cref="Reminder.Kind"/> of timer alerts.</summary>
    public const string Kind = "timer-alert";

    /// <summary>Payload key: the conversation whose session document holds the timer.</summary>
    public const string ConversationIdKey = "conversationId";

    /// <summary>Payload key: the alert in full (<see cref="AlertId.ToString"/>).</summary>
    public const string AlertKey = "alert";

    private readonly IReminderScheduler _reminders;
    private readonly ILogger<TimerAlertScheduler> _log;

    public TimerAlertScheduler(IReminderScheduler reminders, ILogger<TimerAlertScheduler> log)
    {
        _reminders = reminders;
        _log = log;
    }

    /// <summary>Schedules the alerts still ahead of this timer generation (none when it is paused or stopped).</summary>
    /// <param name="conversationId">The conversation the session runs in.</param>
    /// <param name="sessionId">The session the timer belongs to.</param>
    /// <param name="timer">The timer as the change left it (from <c>TimerChanged</c>).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task ScheduleAsync(string conversationId, string sessionId, PitchTimer timer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(timer);
        var alerts = TimerAlerts.Upcoming(sessionId, timer);
        foreach (var alert in alerts)
        {
            var payload = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ConversationIdKey] = conversationId,
                [AlertKey] = alert.Id.ToString(),
            };
            await _reminders.ScheduleAsync(
                new Reminder(alert.Id.Key(), Kind, alert.DueAt, payload),
                cancellationToken).ConfigureAwait(false);
        }

        LogScheduled(sessionId, timer.PitchId, timer.Generation, alerts.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer of session {SessionId}, pitch {PitchId}, generation {Generation}: {Count} alerts scheduled")]
    private partial void LogScheduled(string sessionId, string pitchId, int generation, int count);
}
