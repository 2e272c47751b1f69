using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Pitches;

namespace StuyfBot.Bot.Features.Timers;

/// <summary>
/// Whenever a pitch timer changes (started, paused, extended, stopped, or a next pitch came up),
/// its warnings and "Tijd!" are scheduled again as durable reminders (<see cref="TimerAlertScheduler"/>,
/// posted by <see cref="TimerAlertHandler"/>); earlier ones are stale then.
/// </summary>
public sealed class TimerAlertEffect(TimerAlertScheduler alerts) : SessionEffect<TimerChanged>
{
    protected override Task OnAsync(SessionEventContext context, TimerChanged happened, CancellationToken cancellationToken) =>
        alerts.ScheduleAsync(context.Sessions.Conversation.ConversationId, context.Session.Id, happened.Timer, cancellationToken);
}
