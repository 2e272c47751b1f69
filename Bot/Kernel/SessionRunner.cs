using Microsoft.Extensions.Options;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// What a command came to: the decision (null: the card's session is no longer current), the
/// sessions as stored now, and the session's records when the command needed them (round
/// commands; null for session commands, read them with <see cref="SessionRunner.ViewAsync"/>).
/// </summary>
public sealed record SessionOutcome(Decision? Decision, ConversationSessions? Sessions, SessionRecords? Records);

/// <summary>
/// The one way a session changes: load, decide with Dialogs (<see cref="SessionDecider"/> for
/// session commands, <see cref="RoundDecider"/> for round commands), commit (the head through the
/// conversation's group commit, a record create-only by activity id), then carry out the effects:
/// the live card, the announcements in the group, and every feature's <see cref="ISessionEffect"/>.
/// A record that was there already (a redelivered activity) has no effects again.
/// </summary>
public sealed partial class SessionRunner
{
    private readonly ConversationSessionStore _sessions;
    private readonly SessionItemStore _items;
    private readonly LiveCardUpdater _cards;
    private readonly IConversationClient _conversations;
    private readonly IEnumerable<ISessionEffect> _effects;
    private readonly TimeProvider _time;
    private readonly TimerSettings _timers;
    private readonly ILogger<SessionRunner> _log;

    public SessionRunner(
        ConversationSessionStore sessions,
        SessionItemStore items,
        LiveCardUpdater cards,
        IConversationClient conversations,
        IEnumerable<ISessionEffect> effects,
        IOptions<TimerOptions> timers,
        TimeProvider time,
        ILogger<SessionRunner> log)
    {
        ArgumentNullException.ThrowIfNull(timers);
        _sessions = sessions;
        _items = items;
        _cards = cards;
        _conversations = conversations;
        _effects = effects;
        _timers = timers.Value.ToSettings();
        _time = time;
        _log = log;
    }

    /// <summary>
    /// Runs a command of a turn in the session's group chat (typed, a live card button, a meeting
    /// event): a session command on the conversation's current session, a round command on
    /// <paramref name="sessionId"/>. <paramref name="sessionId"/> (the pressed card's session,
    /// null for typed commands) makes a card of an earlier session an "outdated" answer.
    /// </summary>
    public async Task<SessionOutcome> RunAsync(ActivityContext context, string? sessionId, SessionCommand command)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        if (command is RoundCommand round)
        {
            ArgumentNullException.ThrowIfNull(sessionId);
            return await RunRoundAsync(context.Activity.Conversation!.Id!, sessionId, round, ActorOf(context), context.Activity.Id!, context.CancellationToken).ConfigureAwait(false);
        }

        var actor = ActorOf(context);
        var turn = await _sessions.DecideAsync(context.Ref, context.Activity.Locale, sessionId, command, actor, context.CancellationToken).ConfigureAwait(false);
        if (turn is { Decision: Accepted accepted, Sessions: { } sessions })
        {
            await ApplySessionAsync(context, accepted, sessions, actor).ConfigureAwait(false);
        }

        return new SessionOutcome(turn.Decision, turn.Sessions, null);
    }

    /// <param name="conversationId">The session's group conversation.</param>
    /// <param name="sessionId">The session the pressed card or typed command is about.</param>
    /// <param name="command">The command.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="activityId">The inbound activity's id: a record made from it is keyed by it.</param>
    /// <param name="cancellationToken">The turn's token.</param>
    public async Task<SessionOutcome> RunRoundAsync(
        string conversationId, string sessionId, RoundCommand command, Actor actor, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var records = KnownEnough(sessionId, command) ?? await _items.ReadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var turn = new RoundTurn(actor, _time.GetUtcNow(), StateKeys.ItemId(activityId, ItemPart(command)));
        var decided = await _sessions.DecideRoundAsync(
            conversationId, sessionId, head => RoundDecider.Decide(head, records, command, turn, _timers), cancellationToken).ConfigureAwait(false);
        if (decided.Decision is not Accepted accepted || decided.Sessions is not { } sessions)
        {
            return new SessionOutcome(decided.Decision, decided.Sessions, records);
        }

        if (accepted.Item is { } item)
        {
            var appended = await _items.AppendAsync(sessionId, item, cancellationToken).ConfigureAwait(false);
            if (appended == AppendResult.AlreadyRecorded)
            {
                return new SessionOutcome(accepted, sessions, await _items.ReadAsync(sessionId, cancellationToken).ConfigureAwait(false));
            }

            // What was read plus this record: no second listing per answer in a burst (and With adds
            // an answer without folding everything again).
            records = records.With(item);
        }

        await ApplyRoundAsync(sessions, accepted, records, cancellationToken).ConfigureAwait(false);
        return new SessionOutcome(accepted, sessions, records);
    }

    /// <summary>The view of the session the cards render: head, records and timer settings.</summary>
    public SessionView ViewOf(Session session, SessionRecords records) => SessionView.Of(session, records) with { Timers = _timers };

    /// <summary>The session with its records as stored now, as the cards show it.</summary>
    public async Task<SessionView> ViewAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ViewOf(session, await _items.ReadAsync(session.Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Who acts in a turn: the sender's id and display name.</summary>
    public static Actor ActorOf(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.Activity.From!.Id!, context.Activity.From.Name ?? context.Activity.From.Id!);
    }

    private async Task ApplySessionAsync(ActivityContext context, Accepted accepted, ConversationSessions sessions, Actor actor)
    {
        var groupText = Text.For(sessions.Locale);
        var conversationId = sessions.Conversation.ConversationId;
        foreach (var sessionEvent in accepted.Events)
        {
            if (sessionEvent is SessionStarted { Session.CardActivityId: null } started)
            {
                await PostLiveCardAsync(context, started.Session, groupText, actor).ConfigureAwait(false);
            }
            else
            {
                _cards.Changed(conversationId);
            }

            if (SessionMessages.For(groupText, sessionEvent, accepted.State) is { } announcement)
            {
                await context.Send(SessionActivities.Announcement(announcement, sessions.Locale)).ConfigureAwait(false);
            }

            await RaiseAsync(new SessionEventContext(sessions, accepted.State), sessionEvent, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyRoundAsync(ConversationSessions sessions, Accepted accepted, SessionRecords records, CancellationToken cancellationToken)
    {
        var groupText = Text.For(sessions.Locale);
        var view = ViewOf(accepted.State, records);
        var conversation = sessions.Conversation;
        foreach (var roundEvent in accepted.Events)
        {
            await RaiseAsync(new SessionEventContext(sessions, accepted.State), roundEvent, cancellationToken).ConfigureAwait(false);
            if (RoundMessages.For(groupText, roundEvent, view) is not { } announcement)
            {
                continue;
            }

            // A pitch that comes up brings the form to answer it, where everyone is reading now.
            var card = roundEvent is PitchUp up ? AnswerCard.Render(view, up.Pitch.Id, groupText) : null;
            var activity = SessionActivities.Announcement(announcement, sessions.Locale, card);
            activity.Locale ??= conversation.Locale;
            await _conversations.SendAsync(conversation.ServiceUrl, conversation.ConversationId, activity, cancellationToken).ConfigureAwait(false);
        }

        _cards.Changed(conversation.ConversationId);
        LogApplied(accepted.State.Id, accepted.Events.Count);
    }

    private async Task RaiseAsync(SessionEventContext context, SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        foreach (var effect in _effects)
        {
            await effect.OnEventAsync(context, sessionEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PostLiveCardAsync(ActivityContext context, Session session, Text groupText, Actor actor)
    {
        // The card goes without text: a client that splits text and card would not return the card's id.
        var card = SessionCard.Render(await ViewAsync(session, context.CancellationToken).ConfigureAwait(false), groupText, SessionViewer.Everyone);
        var posted = await context.Send(SessionActivities.Card(card)).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(posted.Id))
        {
            await _sessions.DecideAsync(context.Ref, context.Activity.Locale, session.Id, new RecordCard(posted.Id), actor, context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An answer depends on one record only, the pitch it answers, and a pitch that is up can be
    /// neither edited nor withdrawn. So when the records last read hold that pitch, still active,
    /// the answer is decided on them (the decision checks on the head that the pitch is up), and a
    /// burst of answers does not list the session's records once per answer. Null: read them.
    /// </summary>
    private SessionRecords? KnownEnough(string sessionId, RoundCommand command) =>
        command is AnswerPitch answer && _items.LastRead(sessionId) is { } known && known.FindPitch(answer.PitchId)?.IsActive() == true
            ? known
            : null;

    /// <summary>Tells records of different kinds from one activity apart (a redelivery makes the same ids).</summary>
    private static string? ItemPart(RoundCommand command) => command switch
    {
        SubmitPitch or WithdrawPitch => "pitch",
        AnswerPitch => "answer",
        NoteNextStep => "next-step",
        AddNote => "note",
        StrikeNote => "note-strike",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Round of session {SessionId}: {EventCount} events applied")]
    private partial void LogApplied(string sessionId, int eventCount);
}
