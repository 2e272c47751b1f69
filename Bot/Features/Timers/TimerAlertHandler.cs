using System.Globalization;
using Microsoft.Extensions.Options;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Timers;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Scheduling;

namespace StuyfBot.Bot.Features.Timers;

/// <summary>
/// Fires a timer alert (scheduled by <see cref="TimerAlertScheduler"/>): loads the session head
/// as it is now and lets <see cref="TimerAlerts.Check"/> decide. Only an alert of the timer as it
/// runs now is posted, in the group's language, saying so when it comes late; one the timekeeper
/// paused, extended or stopped, or of an earlier pitch, is dropped. The reminder store makes sure
/// it runs once across instances and restarts.
/// </summary>
public sealed partial class TimerAlertHandler : IReminderHandler
{
    private readonly ConversationSessionStore _sessions;
    private readonly IConversationClient _conversations;
    private readonly TimerSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<TimerAlertHandler> _log;

    public TimerAlertHandler(
        ConversationSessionStore sessions,
        IConversationClient conversations,
        IOptions<TimerOptions> options,
        TimeProvider time,
        ILogger<TimerAlertHandler> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sessions = sessions;
        _conversations = conversations;
        _settings = options.Value.ToSettings();
        _time = time;
        _log = log;
    }

    public string Kind => TimerAlertScheduler.Kind;

    public async Task HandleAsync(Reminder reminder, TimeSpan lateness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (!reminder.Payload.TryGetValue(TimerAlertScheduler.ConversationIdKey, out var conversationId)
            || string.IsNullOrEmpty(conversationId)
            || AlertId.TryParse(reminder.Payload.GetValueOrDefault(TimerAlertScheduler.AlertKey)) is not { } id)
        {
            // Not one this bot schedules: retrying cannot make it readable.
            LogUnreadable(reminder.Id);
            return;
        }

        var sessions = await _sessions.ReadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var session = sessions?.Current is { } current && current.Id == id.SessionId ? current : null;
        var now = _time.GetUtcNow();
        var check = TimerAlerts.Check(id.SessionId, session?.Round.Timer, id, now, _settings.LateAfter);
        switch (check.Verdict)
        {
            case AlertVerdict.Post:
                var conversation = sessions!.Conversation;
                var activity = conversation.CreateActivity(RoundMessages.Alert(Text.For(sessions.Locale), check.Alert!, check.Late, session!.Round.Timer!));

                // The reference carries the locale of whoever acted last; the alert speaks the group's.
                activity.Locale = sessions.Locale;
                await _conversations.SendAsync(conversation.ServiceUrl, conversation.ConversationId, activity, cancellationToken).ConfigureAwait(false);
                LogPosted(id.SessionId, id.Phase, id.Kind, id.Generation, now - check.Alert!.DueAt, check.Late);
                return;
            case AlertVerdict.NotYet:
                // The reminder fired before its time on this clock (instances' clocks apart):
                // failing hands it back to the dispatcher, which tries again after Reminders:RetryDelay.
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Timer alert {reminder.Id} is due at {check.Alert!.DueAt:o}, after this instance's clock ({now:o}); trying again later."));
            default:
                LogDropped(id.SessionId, id.Phase, id.Kind, id.Generation, check.Verdict);
                return;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer alert posted: session {SessionId}, {Phase} {AlertKind}, generation {Generation}, {Lateness} after its time (late: {Late})")]
    private partial void LogPosted(string sessionId, TimerPhase phase, AlertKind alertKind, int generation, TimeSpan lateness, bool late);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer alert dropped: session {SessionId}, {Phase} {AlertKind}, generation {Generation}: {Verdict}")]
    private partial void LogDropped(string sessionId, TimerPhase phase, AlertKind alertKind, int generation, AlertVerdict verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer alert reminder {ReminderId} has no readable conversation or alert in its payload; dropped")]
    private partial void LogUnreadable(string reminderId);
}
