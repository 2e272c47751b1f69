using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StuyfBot.Bot.Api;
using StuyfBot.Bot.Apps;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Help;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Features.Sessions;

/// <summary>
/// Sessions and roles in Teams: `start connectortafel|open huys [titel]`, the live card's
/// buttons (Action.Execute), and the offers when a meeting starts or ends. The rules are in
/// Dialogs (<see cref="SessionDecider"/>); this class only carries turns in and effects out.
/// </summary>
public sealed partial class SessionsFeature : IBotFeature, IHelpContributor
{
    private static readonly string[] Verbs =
    [
        SessionVerbs.Refresh, SessionVerbs.Start, SessionVerbs.CheckIn, SessionVerbs.Listen, SessionVerbs.Leave,
        SessionVerbs.TakeRole, SessionVerbs.ReturnRole, SessionVerbs.OptOut, SessionVerbs.OptIn, SessionVerbs.DivideRoles,
        SessionVerbs.AssignRole, SessionVerbs.UnassignRole, SessionVerbs.HandOver, SessionVerbs.TakeOver,
        SessionVerbs.RequestClose, SessionVerbs.ConfirmClose, SessionVerbs.CancelClose,
    ];

    private readonly ConversationSessionStore _sessions;
    private readonly LiveCardUpdater _cards;
    private readonly SummaryPublisher _summaries;

    public SessionsFeature(ConversationSessionStore sessions, LiveCardUpdater cards, SummaryPublisher summaries)
    {
        _sessions = sessions;
        _cards = cards;
        _summaries = summaries;
    }

    public IEnumerable<HelpCard.Command> Commands => SessionOfferCard.HelpCommands;

    public IEnumerable<CardAction> Actions(Text text, bool personal) => SessionOfferCard.HelpActions(text, personal);

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(StartCommand(), OnStartTypedAsync)
           .OnMeetingStart(OnMeetingStartAsync)
           .OnMeetingEnd(OnMeetingEndAsync);
        foreach (var verb in Verbs)
        {
            app.OnCardAction(verb, OnCardActionAsync);
        }
    }

    private async Task OnStartTypedAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        if (StartRequest.Parse(context.Command) is not { } request)
        {
            await context.Reply(text["NotUnderstood"]).ConfigureAwait(false);
            return;
        }

        if (context.IsPersonal)
        {
            await context.Reply(text["SessionOnlyInGroups"]).ConfigureAwait(false);
            return;
        }

        var start = new Start(NewSessionId(), request.Kind, request.Title, context.Activity.Conversation!.Id!);
        var turn = await DecideAsync(context, start, expectedSessionId: null).ConfigureAwait(false);
        if (turn.Decision is Refused refused)
        {
            await context.Reply(SessionMessages.Refusal(text, refused.Reason)).ConfigureAwait(false);
        }
    }

    private async Task<InvokeResponse> OnCardActionAsync(ActivityContext context, AdaptiveCardInvokeAction action)
    {
        var text = new Text(context.Culture);
        switch (SessionVerbs.Read(action.Verb, Flatten(action.Data)))
        {
            case RefreshSessionCard refresh:
                var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
                return sessions?.Find(refresh.SessionId) is { } shown
                    ? InvokeResponse.Card(SessionCard.Render(new SessionView(shown), text, ViewerOf(context)).ToJson())
                    : InvokeResponse.Message(text["SessionCardOutdated"]);
            case StartSession start when context.IsPersonal:
                return InvokeResponse.Message(text["SessionOnlyInGroups"]);
            case StartSession start:
                var started = await DecideAsync(context, new Start(NewSessionId(), start.Kind, null, context.Activity.Conversation!.Id!), null).ConfigureAwait(false);
                return started.Decision is Refused startRefused
                    ? InvokeResponse.Message(SessionMessages.Refusal(text, startRefused.Reason))
                    : InvokeResponse.Message(text["SessionStartedBelow"]);
            case RunSessionCommand run:
                var turn = await DecideAsync(context, run.Command, run.SessionId).ConfigureAwait(false);
                return turn.Decision switch
                {
                    null => InvokeResponse.Message(text["SessionCardOutdated"]),
                    Refused refused => InvokeResponse.Message(SessionMessages.Refusal(text, refused.Reason)),
                    Accepted accepted => InvokeResponse.Card(SessionCard.Render(new SessionView(accepted.State), text, ViewerOf(context)).ToJson()),
                    _ => throw new InvalidOperationException("Unknown decision."),
                };
            default:
                return InvokeResponse.Message(text["UnknownAction"]);
        }
    }

    private async Task OnMeetingStartAsync(ActivityContext context)
    {
        var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
        if (sessions?.Current is { Status: SessionStatus.Open })
        {
            return;
        }

        await context.Send(CardActivity(SessionOfferCard.StartOffer(new Text(context.Culture)))).ConfigureAwait(false);
    }

    private async Task OnMeetingEndAsync(ActivityContext context)
    {
        var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
        if (sessions?.Current is { Status: SessionStatus.Open } open)
        {
            await context.Send(CardActivity(SessionOfferCard.CloseOffer(Text.For(sessions.Locale), open), sessions.Locale)).ConfigureAwait(false);
        }
    }

    /// <summary>Decides and commits the command, then carries out what the decision says.</summary>
    private async Task<SessionTurn> DecideAsync(ActivityContext context, SessionCommand command, string? expectedSessionId)
    {
        var actor = new Actor(context.Activity.From!.Id!, context.Activity.From.Name ?? context.Activity.From.Id!);
        var turn = await _sessions.DecideAsync(context.Ref, context.Activity.Locale, expectedSessionId, command, actor, context.CancellationToken).ConfigureAwait(false);
        if (turn.Decision is Accepted accepted && turn.Sessions is { } sessions)
        {
            await ApplyAsync(context, accepted, sessions, actor).ConfigureAwait(false);
        }

        return turn;
    }

    private async Task ApplyAsync(ActivityContext context, Accepted accepted, ConversationSessions sessions, Actor actor)
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
                await context.Send(AnnouncementActivity(announcement, sessions.Locale)).ConfigureAwait(false);
            }

            if (sessionEvent is SessionClosed closed)
            {
                await _summaries.PublishAsync(sessions, closed.Session, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PostLiveCardAsync(ActivityContext context, Session session, Text groupText, Actor actor)
    {
        // The card goes without text: a client that splits text and card would not return the card's id.
        var card = SessionCard.Render(new SessionView(session), groupText, SessionViewer.Everyone);
        var posted = await context.Send(CardActivity(card)).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(posted.Id))
        {
            await _sessions.DecideAsync(context.Ref, context.Activity.Locale, session.Id, new RecordCard(posted.Id), actor, context.CancellationToken).ConfigureAwait(false);
        }
    }

    // Messages in the group's language say so; without a locale they get the sender's (Send fills it in).
    private static Activity CardActivity(AdaptiveCard card, string? locale = null) => new()
    {
        Type = ActivityTypes.Message,
        Locale = locale,
        Attachments = [Attachment.AdaptiveCard(card.ToJson())],
    };

    private static Activity AnnouncementActivity(Announcement announcement, string? locale) => new()
    {
        Type = ActivityTypes.Message,
        Locale = locale,
        Text = announcement.Text,
        TextFormat = TextFormats.Markdown,
        Entities = [.. announcement.Mentions.Select(m => new Entity
        {
            Type = EntityTypes.Mention,
            Mentioned = new Account { Id = m.PersonKey, Name = m.Name },
            Text = m.Text,
        })],
    };

    private static SessionViewer ViewerOf(ActivityContext context) => SessionViewer.For(context.Activity.From!.Id!);

    /// <summary>Card data and inputs as strings (Teams merges the inputs into the action's data).</summary>
    private static Dictionary<string, string?> Flatten(JsonObject? data)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in data ?? [])
        {
            values[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
        }

        return values;
    }

    private static string NewSessionId() => Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"^\s*start\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartCommand();
}
