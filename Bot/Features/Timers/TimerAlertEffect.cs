using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Features.Timers;

/// <summary>
/// Whenever a pitch timer changes (started, paused, extended, stopped, or a next pitch came up),
/// its warnings and "Tijd!" are scheduled again as durable reminders (<see cref="TimerAlertScheduler"/>,
/// posted by <see cref="TimerAlertHandler"/>); earlier ones are stale then.
/// </summary>
public sealed class TimerAlertEffect : ISessionEffect
{
    private readonly TimerAlertScheduler _alerts;

    public TimerAlertEffect(TimerAlertScheduler alerts) => _alerts = alerts;

    public Task OnEventAsync(SessionEventContext context, SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sessionEvent is TimerChanged changed
            ? _alerts.ScheduleAsync(context.Sessions.Conversation.ConversationId, context.Session.Id, changed.Timer, cancellationToken)
            : Task.CompletedTask;
    }
}
