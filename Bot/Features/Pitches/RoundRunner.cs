using Microsoft.Extensions.Options;
using StuyfBot.Bot.Features.Sessions;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Features.Pitches;

/// <summary>What a round command came to: the decision (null: the card's session is no longer current), the sessions and records as they are now.</summary>
public sealed record RoundOutcome(Decision? Decision, ConversationSessions? Sessions, SessionRecords Records)
{
    public bool Outdated => Decision is null;
}

/// <summary>
/// Runs one pitch-round command (pitch, answer, next step, queue, timer, note) for a session:
/// loads its records, lets <see cref="RoundDecider"/> decide, and stores what changed: a record
/// create-only (a burst of answers never touches the head) or the head through the
/// conversation's commit queue. Then the effects: announcements in the group, the timer's alerts,
/// and the live card. A record that was there already (a redelivered activity) has no effects again.
/// </summary>
public sealed partial class RoundRunner
{
    private readonly ConversationSessionStore _sessions;
    private readonly SessionItemStore _items;
    private readonly LiveCardUpdater _cards;
    private readonly IConversationClient _conversations;
    private readonly TimerAlertScheduler _alerts;
    private readonly TimeProvider _time;
    private readonly TimerSettings _timers;
    private readonly ILogger<RoundRunner> _log;

    public RoundRunner(
        ConversationSessionStore sessions,
        SessionItemStore items,
        LiveCardUpdater cards,
        IConversationClient conversations,
        TimerAlertScheduler alerts,
        IOptions<TimerOptions> timers,
        TimeProvider time,
        ILogger<RoundRunner> log)
    {
        ArgumentNullException.ThrowIfNull(timers);
        _sessions = sessions;
        _items = items;
        _cards = cards;
        _conversations = conversations;
        _alerts = alerts;
        _timers = timers.Value.ToSettings();
        _time = time;
        _log = log;
    }

    public TimerSettings Timers => _timers;

    /// <param name="conversationId">The session's group conversation.</param>
    /// <param name="sessionId">The session the pressed card or typed command is about.</param>
    /// <param name="command">The command.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="activityId">The inbound activity's id: a record made from it is keyed by it.</param>
    /// <param name="cancellationToken">The turn's token.</param>
    public async Task<RoundOutcome> RunAsync(
        string conversationId, string sessionId, RoundCommand command, Actor actor, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var records = KnownEnough(sessionId, command) ?? await _items.ReadAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var turn = new RoundTurn(actor, _time.GetUtcNow(), StateKeys.ItemId(activityId, ItemPart(command)));
        var decided = await _sessions.DecideRoundAsync(
            conversationId, sessionId, head => RoundDecider.Decide(head, records, command, turn, _timers), cancellationToken).ConfigureAwait(false);
        if (decided.Decision is not Accepted accepted || decided.Sessions is not { } sessions)
        {
            return new RoundOutcome(decided.Decision, decided.Sessions, records);
        }

        if (accepted.Item is { } item)
        {
            var appended = await _items.AppendAsync(sessionId, item, cancellationToken).ConfigureAwait(false);
            if (appended == AppendResult.AlreadyRecorded)
            {
                return new RoundOutcome(accepted, sessions, await _items.ReadAsync(sessionId, cancellationToken).ConfigureAwait(false));
            }

            // What was read plus this record: no second listing per answer in a burst (and With adds
            // an answer without folding everything again).
            records = records.With(item);
        }

        await ApplyAsync(sessions, accepted, records, cancellationToken).ConfigureAwait(false);
        return new RoundOutcome(accepted, sessions, records);
    }

    /// <summary>The view of the session the cards render: head, records and timer settings.</summary>
    public SessionView ViewOf(Session session, SessionRecords records) => SessionView.Of(session, records) with { Timers = _timers };

    private async Task ApplyAsync(ConversationSessions sessions, Accepted accepted, SessionRecords records, CancellationToken cancellationToken)
    {
        var groupText = Text.For(sessions.Locale);
        var view = ViewOf(accepted.State, records);
        var conversation = sessions.Conversation;
        foreach (var roundEvent in accepted.Events)
        {
            if (roundEvent is TimerChanged changed)
            {
                await _alerts.ScheduleAsync(conversation.ConversationId, accepted.State.Id, changed.Timer, cancellationToken).ConfigureAwait(false);
            }

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
