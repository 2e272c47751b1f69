using System.Text.RegularExpressions;
using StuyfBot.Bot.Api;
using StuyfBot.Bot.Api.Clients;
using StuyfBot.Bot.Apps;
using StuyfBot.Bot.Features.People;
using StuyfBot.Bot.Features.Sessions;
using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Help;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Features.Pitches;

/// <summary>
/// The pitch card before a session: "Stel je vraag vooraf" pressed on the group's card sends it
/// to the presser's 1:1 chat; pressed in the 1:1 chat (on the card there, or on the choice of
/// sessions) it answers with it; "vraag" typed in the 1:1 chat offers the planned sessions of the
/// person's groups. What the card sends back (the pitch, its withdrawal) is a round command, which
/// the session's round runner decides after checking membership with <see cref="ConversationMembership"/>.
/// </summary>
public sealed partial class PitchFormFeature : IBotFeature, IHelpContributor
{
    private readonly ConversationSessionStore _sessions;
    private readonly SessionItemStore _items;
    private readonly ConversationMembership _membership;
    private readonly PersonSessions _personSessions;
    private readonly PersonalChat _chats;
    private readonly ILogger<PitchFormFeature> _log;

    public PitchFormFeature(
        ConversationSessionStore sessions,
        SessionItemStore items,
        ConversationMembership membership,
        PersonSessions personSessions,
        PersonalChat chats,
        ILogger<PitchFormFeature> log)
    {
        _sessions = sessions;
        _items = items;
        _membership = membership;
        _personSessions = personSessions;
        _chats = chats;
        _log = log;
    }

    public IEnumerable<HelpCard.Command> Commands => [RoundHelp.PitchCommand];

    public IEnumerable<CardAction> Actions(Text text, bool personal) => [];

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(PitchCommand(), OnPitchTypedAsync)
           .OnCardAction(SessionVerbs.ShowPitchForm, OnShowFormAsync);
    }

    /// <summary>"vraag" in the 1:1 chat: the pitch card of the one session, or the choice; in a group: the card in the 1:1 chat.</summary>
    private async Task OnPitchTypedAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        var me = context.Activity.From!.Id!;
        if (!context.IsPersonal)
        {
            var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
            var reply = sessions?.Current switch
            {
                { Status: SessionStatus.Planned } planned => await SendFormAsync(context, planned, text).ConfigureAwait(false),
                { Status: SessionStatus.Open } => text["PitchCardStartedNoPitch"],
                _ => text["PitchChooseNone"],
            };
            await context.Reply(reply).ConfigureAwait(false);
            return;
        }

        var mine = await _personSessions.ForAsync(context.Ref.TenantId, me, context.CancellationToken).ConfigureAwait(false);
        var card = mine is [var only]
            ? PitchCard.Render(only, await _items.ReadAsync(only.Id, context.CancellationToken).ConfigureAwait(false), me, text, editing: false)
            : PitchCard.Choose(mine, text);
        await context.Reply(CardActivity(card)).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> OnShowFormAsync(ActivityContext context, AdaptiveCardInvokeAction action)
    {
        var text = new Text(context.Culture);
        if (SessionVerbs.Read(action.Verb, CardData.Flatten(action.Data)) is not ShowPitchForm show)
        {
            return InvokeResponse.Message(text["UnknownAction"]);
        }

        var me = context.Activity.From!.Id!;
        if (!context.IsPersonal)
        {
            // Pressed in the group: the presser is in it, and the card goes to their 1:1 chat.
            var here = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
            return here?.Find(show.SessionId) is { } session
                ? InvokeResponse.Message(await SendFormAsync(context, session, text).ConfigureAwait(false))
                : InvokeResponse.Message(text["SessionCardOutdated"]);
        }

        // Pressed in the 1:1 chat: the card names its group, which the person must be in.
        var group = show.ConversationId is { } groupId
            ? await _sessions.ReadAsync(groupId, context.CancellationToken).ConfigureAwait(false)
            : null;
        if (group?.Find(show.SessionId) is not { } shown)
        {
            return InvokeResponse.Message(text["SessionCardOutdated"]);
        }

        try
        {
            if (!await _membership.IsMemberAsync(group.Conversation, me, context.CancellationToken).ConfigureAwait(false))
            {
                LogNotMember(shown.Id);
                return InvokeResponse.Message(text["PitchFormNotMember"]);
            }
        }
        catch (ConnectorException ex)
        {
            LogRosterUnavailable(shown.Id, ex);
            return InvokeResponse.Message(text["PitchFormTryAgain"]);
        }

        var records = await _items.ReadAsync(shown.Id, context.CancellationToken).ConfigureAwait(false);
        return InvokeResponse.Card(PitchCard.Render(shown, records, me, text, editing: true).ToJson());
    }

    /// <summary>Sends the pitch form to the person's 1:1 chat; the answer to give in the group.</summary>
    private async Task<string> SendFormAsync(ActivityContext context, Session session, Text text)
    {
        var me = context.Activity.From!;
        var records = await _items.ReadAsync(session.Id, context.CancellationToken).ConfigureAwait(false);
        var card = PitchCard.Render(session, records, me.Id!, text, editing: true);
        var activity = CardActivity(card);
        activity.Locale = context.Activity.Locale;
        var sent = await _chats.SendAsync(context.Ref, me, activity, context.CancellationToken).ConfigureAwait(false);
        return sent ? RoundMessages.PitchFormSent(text) : text["PitchFormNoPersonalChat"];
    }

    private static Activity CardActivity(AdaptiveCard card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [Attachment.AdaptiveCard(card.ToJson())],
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused the pitch card of session {SessionId} to someone not in its group")]
    private partial void LogNotMember(string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the roster for session {SessionId}")]
    private partial void LogRosterUnavailable(string sessionId, Exception exception);

    [GeneratedRegex(@"^\s*(?:pitch|vraag|mijn\s+vraag|question|my\s+question)\s*[.!?]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PitchCommand();
}
