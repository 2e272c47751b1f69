using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Scheduling;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// The durable reminder scheduled at every close: some minutes later it runs the publication
/// again, on whichever instance claims it. Everything that went out stays as it was; whatever a
/// crash, the store or the connector left undone is done now. While something is still missing
/// it throws, so the reminder is tried again (with backoff, then parked with an error log).
/// </summary>
public sealed partial class SummaryBackstop : IReminderHandler
{
    private readonly ConversationSessionStore _sessions;
    private readonly SummaryPublisher _publisher;
    private readonly ILogger<SummaryBackstop> _log;

    public SummaryBackstop(ConversationSessionStore sessions, SummaryPublisher publisher, ILogger<SummaryBackstop> log)
    {
        _sessions = sessions;
        _publisher = publisher;
        _log = log;
    }

    public string Kind => SummaryPublisher.ReminderKind;

    public async Task HandleAsync(Reminder reminder, TimeSpan lateness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (!reminder.Payload.TryGetValue(SummaryPublisher.ConversationIdKey, out var conversationId)
            || !reminder.Payload.TryGetValue(SummaryPublisher.SessionIdKey, out var sessionId))
        {
            LogMalformed(reminder.Id);
            return;
        }

        var sessions = await _sessions.ReadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (sessions?.Find(sessionId) is not { Status: SessionStatus.Closed } closed)
        {
            // Only a closed session schedules this, and it stays among the conversation's recent ones for many sessions.
            LogSessionGone(sessionId);
            return;
        }

        var result = await _publisher.RunAsync(sessions, closed, cancellationToken).ConfigureAwait(false);
        if (!result.Complete)
        {
            throw new SummaryIncompleteException($"The summary of session {sessionId} is not complete yet: {result.Failed} outputs failed, {result.InProgress} are being sent elsewhere.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Summary reminder {ReminderId} has no conversation or session id; nothing to do")]
    private partial void LogMalformed(string reminderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summary reminder: closed session {SessionId} is no longer among its conversation's sessions; nothing to do")]
    private partial void LogSessionGone(string sessionId);
}

/// <summary>The backstop found outputs of a summary still missing: the reminder is tried again later.</summary>
public sealed class SummaryIncompleteException : Exception
{
    public SummaryIncompleteException()
    {
    }

    public SummaryIncompleteException(string message)
        : base(message)
    {
    }

    public SummaryIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
