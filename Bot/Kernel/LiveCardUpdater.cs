using Microsoft.Extensions.Options;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// Keeps each conversation's posted session card up to date for everyone. Changes are folded:
/// the first change updates at once, changes within <see cref="SessionOptions.CardUpdateInterval"/>
/// become one update with the latest state, so a burst of check-ins costs a few updates and stays
/// within Teams' per-conversation rate limits. Each person's own view comes with their invoke
/// response right away, so nobody waits for this.
/// </summary>
public sealed partial class LiveCardUpdater
{
    private readonly ConversationSessionStore _sessions;
    private readonly SessionItemStore _items;
    private readonly TimerSettings _timers;
    private readonly IConversationClient _conversations;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly CancellationToken _stopping;
    private readonly ILogger<LiveCardUpdater> _log;
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public LiveCardUpdater(
        ConversationSessionStore sessions,
        SessionItemStore items,
        IOptions<TimerOptions> timers,
        IConversationClient conversations,
        TimeProvider time,
        IOptions<SessionOptions> options,
        IHostApplicationLifetime lifetime,
        ILogger<LiveCardUpdater> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(timers);
        _sessions = sessions;
        _items = items;
        _timers = timers.Value.ToSettings();
        _conversations = conversations;
        _time = time;
        _interval = options.Value.CardUpdateInterval;
        _stopping = lifetime.ApplicationStopping;
        _log = log;
    }

    /// <summary>The session of this conversation changed: its shared card will show it soon.</summary>
    public void Changed(string conversationId)
    {
        Pending pending;
        lock (_lock)
        {
            if (_pending.TryGetValue(conversationId, out var running))
            {
                running.Dirty = true;
                return;
            }

            _pending[conversationId] = pending = new Pending();
        }

        _ = Task.Run(() => RunAsync(conversationId, pending), CancellationToken.None);
    }

    /// <summary>Updates now (the caller already waited its turn).</summary>
    public async Task UpdateNowAsync(string conversationId, CancellationToken cancellationToken)
    {
        var sessions = await _sessions.ReadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (sessions?.Current is not { CardActivityId: { } cardId } session)
        {
            return;
        }

        var conversation = sessions.Conversation;
        var records = await _items.ReadAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var view = SessionView.Of(session, records) with { Timers = _timers };
        var card = SessionCard.Render(view, Text.For(sessions.Locale), SessionViewer.Everyone);
        var activity = conversation.CreateActivity();

        // The reference carries the locale of whoever acted last; the card speaks the group's.
        activity.Locale = sessions.Locale;
        activity.Attachments = [Attachment.AdaptiveCard(card.ToJson())];
        await _conversations.UpdateAsync(conversation.ServiceUrl, conversation.ConversationId, cardId, activity, cancellationToken).ConfigureAwait(false);
        LogUpdated(session.Id);
    }

    private async Task RunAsync(string conversationId, Pending pending)
    {
        var last = long.MinValue;
        while (true)
        {
            if (last != long.MinValue)
            {
                var wait = _interval - _time.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, _time, _stopping).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }

            lock (_lock)
            {
                if (last != long.MinValue && !pending.Dirty)
                {
                    _pending.Remove(conversationId);
                    return;
                }

                pending.Dirty = false;
            }

            last = _time.GetTimestamp();
            try
            {
                await UpdateNowAsync(conversationId, _stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The next change tries again; a stale card is better than a lost turn.
                LogUpdateFailed(ex);
            }
        }
    }

    private sealed class Pending
    {
        public bool Dirty { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated the live card of session {SessionId}")]
    private partial void LogUpdated(string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update a live session card")]
    private partial void LogUpdateFailed(Exception exception);
}
