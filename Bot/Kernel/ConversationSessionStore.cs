using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// The outcome of one session or pitch-round command: the decision (null: the command came from
/// the card of a session that is no longer the current one) and the conversation's sessions as stored now.
/// </summary>
public sealed record SessionTurn(Decision? Decision, ConversationSessions? Sessions);

/// <summary>
/// Loads a conversation's sessions, lets <see cref="SessionDecider"/> (or, for the pitch round,
/// <see cref="RoundDecider"/>) decide, and commits with
/// If-Match (deciding again on a conflict). Commands of one conversation are decided one at a time
/// in this process, and those that arrive while one commits are committed together in the next
/// write (<see cref="GroupCommit{TState, TResult}"/>), so sixty check-ins within two seconds cost a
/// few writes; across instances the ETag catches the rare conflict.
/// </summary>
public sealed class ConversationSessionStore
{
    private readonly StateStore _state;
    private readonly KeyedHashProvider _hashes;
    // One commit queue per conversation for session and round commands alike: both decide a
    // Decision (null: the card's session is no longer the current one).
    private readonly GroupCommit<ConversationSessions, Decision?> _commits;
    private readonly TimeProvider _time;

    public ConversationSessionStore(StateStore state, KeyedHashProvider hashes, TimeProvider time)
    {
        _state = state;
        _hashes = hashes;
        _commits = new GroupCommit<ConversationSessions, Decision?>(state, ConversationSessions.Kind);
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
        var now = _time.GetUtcNow();
        return await CommitAsync(
            conversation.ConversationId,
            stored => Decide(stored, conversation, locale, expectedSessionId, command, actor, now),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decides a pitch-round command on the session <paramref name="sessionId"/> (it must be the
    /// conversation's current one) and commits a changed head. A decision that makes a record
    /// leaves the head as it was: the caller appends the record.
    /// </summary>
    public async Task<SessionTurn> DecideRoundAsync(
        string conversationId,
        string sessionId,
        Func<Session, Decision> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return await CommitAsync(conversationId, stored => DecideRound(stored, sessionId, decide), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pure: the new stored value (the same: nothing to write) and the round decision.</summary>
    internal static (ConversationSessions? State, Decision? Result) DecideRound(
        ConversationSessions? stored, string sessionId, Func<Session, Decision> decide)
    {
        if (stored?.Current is not { } current || current.Id != sessionId)
        {
            return (stored, null);
        }

        var decision = decide(current);
        return decision is Accepted { Item: null } accepted && !ReferenceEquals(accepted.State, current)
            ? (stored with { Current = accepted.State }, decision)
            : (stored, decision);
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

    /// <summary>Both kinds of command go through the conversation's one commit queue.</summary>
    private async Task<SessionTurn> CommitAsync(
        string conversationId,
        Func<ConversationSessions?, (ConversationSessions? State, Decision? Result)> decide,
        CancellationToken cancellationToken)
    {
        var key = await KeyAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var committed = await _commits.UpdateAsync(key, decide, cancellationToken).ConfigureAwait(false);
        return new SessionTurn(committed.Result, committed.State);
    }

    private async Task<string> KeyAsync(string conversationId, CancellationToken cancellationToken)
    {
        var hash = await _hashes.GetAsync(cancellationToken).ConfigureAwait(false);
        return SessionKeys.ConversationSessions(hash, conversationId);
    }
}
