using StuyfBot.Bot.Scheduling;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Bot.Features.Pitches;

/// <summary>Schedules a durable reminder for each alert still ahead of a timer's current generation.</summary>
public sealed class TimerAlertScheduler
{
    public const string Kind = "timer-alert";

    private readonly IReminderScheduler _reminders;

    public TimerAlertScheduler(IReminderScheduler reminders) => _reminders = reminders;

    public async Task ScheduleAsync(string conversationId, string sessionId, PitchTimer timer, CancellationToken cancellationToken)
    {
        foreach (var alert in TimerAlerts.Upcoming(sessionId, timer))
        {
            var payload = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["conversationId"] = conversationId,
                ["alert"] = alert.Id.ToString(),
            };
            await _reminders.ScheduleAsync(new Reminder(alert.Id.Key(), Kind, alert.DueAt, payload), cancellationToken).ConfigureAwait(false);
        }
    }
}
