using StuyfBot.Bot.Api;
using StuyfBot.Bot.Storage.State;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Features.Sessions;

/// <summary>The outcome of one session command: the decision and the conversation's sessions as stored now.</summary>
public sealed record SessionTurn(Decision? Decision, ConversationSessions? Sessions)
{
    /// <summary>The command came from the card of a session that is no longer the current one.</summary>
    public bool Outdated => Decision is null;
}

/// <summary>
/// Loads a conversation's sessions, lets <see cref="SessionDecider"/> decide, and commits with
/// If-Match (deciding again on a conflict). Commands of one conversation run one at a time in
/// this process; across instances the ETag catches the rare conflict.
/// </summary>
public sealed class ConversationSessionStore
{
    private readonly StateStore _state;
    private readonly KeyedHashProvider _hashes;
    private readonly SessionQueue _queue;
    private readonly TimeProvider _time;

    public ConversationSessionStore(StateStore state, KeyedHashProvider hashes, SessionQueue queue, TimeProvider time)
    {
        _state = state;
        _hashes = hashes;
        _queue = queue;
        _time = time;
    }

    public async Task<ConversationSessions?> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var stored = await _state.ReadAsync(key, ConversationSessions.Kind, cancellationToken).ConfigureAwait(false);
        return stored?.Value;
    }

    /// <summary>
    /// Decides <paramref name="command"/> for the conversation's current session and commits it.
    /// The locale of the actor who starts a session becomes the language of its shared card;
    /// <paramref name="expectedSessionId"/> (the pressed card's session, null for typed commands)
    /// makes a card of an earlier session an "outdated" answer instead of acting on the new one.
    /// </summary>
    public async Task<SessionTurn> DecideAsync(
        ConversationReference conversation,
        string? locale,
        string? expectedSessionId,
        SessionCommand command,
        Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var key = await KeyAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return await _queue.RunAsync(key, async () =>
        {
            var committed = await _state.UpdateAsync<ConversationSessions, Decision?>(
                key,
                ConversationSessions.Kind,
                stored => Decide(stored, conversation, locale, expectedSessionId, command, actor, now),
                cancellationToken).ConfigureAwait(false);
            return new SessionTurn(committed.Result, committed.State);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pure: the new stored value (null or the same: nothing to write) and the decision.</summary>
    internal static (ConversationSessions? State, Decision? Result) Decide(
        ConversationSessions? stored,
        ConversationReference conversation,
        string? locale,
        string? expectedSessionId,
        SessionCommand command,
        Actor actor,
        DateTimeOffset now)
    {
        var sessions = stored ?? new ConversationSessions(conversation, locale, null, []);
        if (command is Start or Plan)
        {
            sessions = sessions.WithClosedMovedToPast();
        }

        if (expectedSessionId is not null && sessions.Current?.Id != expectedSessionId)
        {
            return (stored, null);
        }

        var decision = SessionDecider.Decide(sessions.Current, command, actor, now, SessionHistory.RoleHistoryOf(sessions.Past));
        if (decision is not Accepted accepted)
        {
            return (stored, decision);
        }

        var starts = command is Start or Plan && accepted.State.Id != sessions.Current?.Id;
        return (sessions with
        {
            Current = accepted.State,
            Conversation = conversation,
            Locale = starts ? locale : sessions.Locale ?? locale,
        }, decision);
    }

    private async Task<string> KeyAsync(string conversationId, CancellationToken cancellationToken)
    {
        var hash = await _hashes.GetAsync(cancellationToken).ConfigureAwait(false);
        return StateKeys.ConversationSessions(hash, conversationId);
    }
}
