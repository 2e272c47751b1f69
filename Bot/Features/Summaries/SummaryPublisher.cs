using System.Text;
using Microsoft.Extensions.Options;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Summaries;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// What a closed session leaves behind: its summary stored as JSON, Markdown and HTML (the group's
/// at <see cref="SummaryKeys.Summary"/>, the facilitators' next to it at
/// <see cref="SummaryKeys.FacilitatorsSummary"/>), the group's summary card posted in the session's
/// conversation, and each pitcher's recap in a 1:1 chat, each in its reader's language.
/// <para>
/// Every output happens once, however often this runs (a redelivered close, a second instance, the
/// backstop): files are written create-only, and the card and each recap are claimed create-only
/// under <see cref="SummaryKeys.Delivery"/> (through the platform's <see cref="DeliveryOutbox"/>) before they are sent and marked sent after. A
/// durable reminder (<see cref="SummaryBackstop"/>), scheduled before anything else, runs it all
/// again a little later and finishes whatever a crash, the store or the connector left undone.
/// </para>
/// </summary>
public sealed partial class SummaryPublisher
{
    public const string ReminderKind = "summary-publish";

    internal const string ConversationIdKey = "conversationId";
    internal const string SessionIdKey = "sessionId";
    internal const string CardOutput = "card";

    /// <summary>Recaps sent at the same time (each to another 1:1 chat).</summary>
    private const int RecapsAtOnce = 4;

    private readonly SessionItemStore _items;
    private readonly StateStore _state;
    private readonly PersonalChat _chats;
    private readonly DeliveryOutbox _outbox;
    private readonly KeyedHashProvider _hashes;
    private readonly IConversationClient _conversations;
    private readonly IReminderScheduler _reminders;
    private readonly TimeSpan _backstopDelay;
    private readonly ILogger<SummaryPublisher> _log;

    public SummaryPublisher(
        SessionItemStore items,
        StateStore state,
        PersonalChat chats,
        DeliveryOutbox outbox,
        KeyedHashProvider hashes,
        IConversationClient conversations,
        IReminderScheduler reminders,
        IOptions<SummaryOptions> options,
        ILogger<SummaryPublisher> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _items = items;
        _state = state;
        _chats = chats;
        _outbox = outbox;
        _hashes = hashes;
        _conversations = conversations;
        _reminders = reminders;
        _backstopDelay = options.Value.SummaryBackstopDelay;
        _log = log;
    }

    /// <summary>
    /// Publishes the summary of the session that just closed. Failures are logged and left to the
    /// backstop reminder, so the close itself never fails because of its summary.
    /// </summary>
    public async Task PublishAsync(ConversationSessions sessions, Session closed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(closed);
        var closedAt = closed.ClosedAt ?? throw new ArgumentException("Only a closed session has a summary.", nameof(closed));
        try
        {
            // The backstop first: from here on a crash or a failure anywhere below loses nothing.
            await _reminders.ScheduleAsync(Backstop(sessions, closed.Id, closedAt), cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            LogNoBackstop(closed.Id, ex);
        }

        try
        {
            var result = await RunAsync(sessions, closed, cancellationToken).ConfigureAwait(false);
            if (!result.Complete)
            {
                LogLeftToBackstop(closed.Id, result.Failed, result.InProgress, closedAt + _backstopDelay);
            }
        }
        catch (Exception ex) when (ex is StorageUnavailableException or StoredDocumentException)
        {
            LogRunFailed(closed.Id, ex);
        }
    }

    /// <summary>
    /// Stores what is not stored yet and sends what was not sent yet. Complete when nothing is
    /// left to do; a store or connector failure of one output is counted, not thrown.
    /// </summary>
    internal async Task<PublishResult> RunAsync(ConversationSessions sessions, Session closed, CancellationToken cancellationToken)
    {
        var records = await _items.ReadAsync(closed.Id, cancellationToken).ConfigureAwait(false);
        var text = Text.For(sessions.Locale);
        var group = SummaryBuilder.Build(closed, records, SummaryAudience.Group);
        var facilitators = SummaryBuilder.Build(closed, records, SummaryAudience.Facilitators);
        var failedStores = await StoreAsync(group, facilitators, text, cancellationToken).ConfigureAwait(false);

        var outcomes = new List<DeliveryOutcome>
        {
            await DeliverOnceAsync(closed.Id, CardOutput, ct => SendCardAsync(sessions, group, text, ct), cancellationToken).ConfigureAwait(false),
        };
        var recaps = SummaryBuilder.Recaps(closed, records);
        var hash = await _hashes.GetAsync(cancellationToken).ConfigureAwait(false);
        var recapOutcomes = new DeliveryOutcome[recaps.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, recaps.Count),
            new ParallelOptions { MaxDegreeOfParallelism = RecapsAtOnce, CancellationToken = cancellationToken },
            async (i, ct) => recapOutcomes[i] = await DeliverOnceAsync(closed.Id, RecapOutput(hash, recaps[i]), c => SendRecapAsync(sessions, recaps[i], c), ct).ConfigureAwait(false)).ConfigureAwait(false);
        outcomes.AddRange(recapOutcomes);
        return new PublishResult(failedStores + outcomes.Count(o => o == DeliveryOutcome.Failed), outcomes.Count(o => o == DeliveryOutcome.InProgress));
    }

    /// <summary>
    /// The name of a recap's delivery record: by pitcher (one pitch per person per session), which
    /// stays the same whatever comes after, as a keyed hash, so no Teams id is in a blob name.
    /// </summary>
    internal static string RecapOutput(KeyedHash hash, PitchRecap recap)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(recap);
        return "recap-" + hash.Of("recap\n" + recap.SessionId + "\n" + recap.AuthorKey);
    }

    private Reminder Backstop(ConversationSessions sessions, string sessionId, DateTimeOffset closedAt) => new(
        Id: "summary-" + sessionId,
        Kind: ReminderKind,

        // From the close, not from now: whoever schedules it again schedules the same reminder.
        DueAt: closedAt + _backstopDelay,
        Payload: new Dictionary<string, string>
        {
            [ConversationIdKey] = sessions.Conversation.ConversationId,
            [SessionIdKey] = sessionId,
        });

    /// <summary>The six files, create-only (one already there was stored by an earlier run); returns how many failed.</summary>
    private async Task<int> StoreAsync(SessionSummary group, SessionSummary facilitators, Text text, CancellationToken cancellationToken)
    {
        var heldOn = group.HeldOn();
        var id = group.SessionId;
        (string Key, byte[] Content)[] files =
        [
            (SummaryKeys.Summary(id, heldOn, SummaryFormat.Json), SummaryDocuments.Kind.Serialize(group)),
            (SummaryKeys.Summary(id, heldOn, SummaryFormat.Markdown), Encoding.UTF8.GetBytes(SummaryMarkdown.Render(group, text))),
            (SummaryKeys.Summary(id, heldOn, SummaryFormat.Html), Encoding.UTF8.GetBytes(SummaryHtml.Render(group, text))),
            (SummaryKeys.FacilitatorsSummary(id, heldOn, SummaryFormat.Json), SummaryDocuments.Kind.Serialize(facilitators)),
            (SummaryKeys.FacilitatorsSummary(id, heldOn, SummaryFormat.Markdown), Encoding.UTF8.GetBytes(SummaryMarkdown.Render(facilitators, text))),
            (SummaryKeys.FacilitatorsSummary(id, heldOn, SummaryFormat.Html), Encoding.UTF8.GetBytes(SummaryHtml.Render(facilitators, text))),
        ];
        var stored = await Task.WhenAll(files.Select(f => StoreOneAsync(f.Key, f.Content, cancellationToken))).ConfigureAwait(false);
        return stored.Count(ok => !ok);
    }

    private async Task<bool> StoreOneAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            var written = await _state.Documents.CreateAsync(key, content, cancellationToken).ConfigureAwait(false);
            if (written.IsWritten)
            {
                LogStored(key);
            }

            return true;
        }
        catch (StorageUnavailableException ex)
        {
            LogStoreFailed(key, ex);
            return false;
        }
    }

    /// <summary>Sends one output of the summary once (the card, one recap), through the shared outbox.</summary>
    private Task<DeliveryOutcome> DeliverOnceAsync(string sessionId, string output, Func<CancellationToken, Task<Sent>> send, CancellationToken cancellationToken) =>
        _outbox.DeliverOnceAsync(SummaryKeys.Delivery(sessionId, output), send, cancellationToken, SummaryDocuments.DeliveryKind);

    private async Task<Sent> SendCardAsync(ConversationSessions sessions, SessionSummary group, Text text, CancellationToken cancellationToken)
    {
        var conversation = sessions.Conversation;
        var activity = CardActivity(conversation, SummaryCard.Render(group, text), sessions.Locale);
        var posted = await _conversations.SendAsync(conversation.ServiceUrl, conversation.ConversationId, activity, cancellationToken).ConfigureAwait(false);
        return new Sent(posted.Id, Reached: true);
    }

    /// <summary>
    /// The recap goes to the pitcher's 1:1 chat with the bot, in their language when the bot knows
    /// it (<see cref="PersonalChat"/>), otherwise in the group's.
    /// </summary>
    private Task<Sent> SendRecapAsync(ConversationSessions sessions, PitchRecap recap, CancellationToken cancellationToken) =>
        _chats.DeliverAsync(sessions.Conversation, new Account { Id = recap.AuthorKey }, locale =>
        {
            locale ??= sessions.Locale;
            var activity = new Activity { Type = ActivityTypes.Message, Locale = locale };
            activity.Attachments = [Attachment.AdaptiveCard(RecapCard.Render(recap, Text.For(locale)).ToJson())];
            return activity;
        }, cancellationToken);

    private static Activity CardActivity(ConversationReference conversation, AdaptiveCard card, string? locale)
    {
        var activity = conversation.CreateActivity();
        activity.Locale = locale;
        activity.Attachments = [Attachment.AdaptiveCard(card.ToJson())];
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Key}")]
    private partial void LogStored(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Key}; the backstop will")]
    private partial void LogStoreFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Summary of session {SessionId}: the backstop reminder could not be stored; a crash now would lose the summary")]
    private partial void LogNoBackstop(string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summary of session {SessionId}: could not be published now; the backstop tries again")]
    private partial void LogRunFailed(string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary of session {SessionId}: {Failed} outputs failed and {InProgress} are being sent elsewhere; the backstop looks again at {BackstopAt}")]
    private partial void LogLeftToBackstop(string sessionId, int failed, int inProgress, DateTimeOffset backstopAt);
}

/// <summary>What one run left undone: outputs that failed, and outputs another run is sending now.</summary>
internal sealed record PublishResult(int Failed, int InProgress)
{
    public bool Complete => Failed == 0 && InProgress == 0;
}
