using System.Text.RegularExpressions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Delivery;

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
    private readonly PersonalCardGroup _cardGroup;
    private readonly PersonSessions _personSessions;
    private readonly PersonalChat _chats;

    public PitchFormFeature(
        ConversationSessionStore sessions,
        SessionItemStore items,
        PersonalCardGroup cardGroup,
        PersonSessions personSessions,
        PersonalChat chats)
    {
        _sessions = sessions;
        _items = items;
        _cardGroup = cardGroup;
        _personSessions = personSessions;
        _chats = chats;
    }

    public IEnumerable<HelpCard.Command> Commands => [RoundHelp.PitchCommand];

    public IEnumerable<CardAction> Actions(Text text, bool personal) => [];

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(PitchCommand(), OnPitchTypedAsync);
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

    /// <summary>"Stel je vraag vooraf" (a button of <see cref="PitchRoutes"/>, answered for <see cref="PitchesFeature"/>).</summary>
    public async Task<InvokeResponse> OnShowFormAsync(ActivityContext context, ShowPitchForm show)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(show);
        var text = new Text(context.Culture);

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
        var access = await _cardGroup.CheckAsync(show.ConversationId, show.SessionId, me, context.CancellationToken).ConfigureAwait(false);
        if (access.Session is not { } shown)
        {
            return InvokeResponse.Message(text[access.RefusalKey!]);
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



    [GeneratedRegex(@"^\s*(?:pitch|vraag|mijn\s+vraag|question|my\s+question)\s*[.!?]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PitchCommand();
}
