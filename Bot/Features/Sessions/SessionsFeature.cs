using System.Text.RegularExpressions;
using StuyfBot.Bot.Features.Pitches;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Help;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Sessions;

/// <summary>
/// Sessions, roles and the pitch round in Teams: `start connectortafel|open huys [titel]`,
/// `sluit af`, the scribe's notes (`@StuyfBot #tip ...`, `@StuyfBot noteer ...`), the live
/// card's buttons (Action.Execute), and the offers when a meeting starts or ends. The rules are
/// in Dialogs (<see cref="SessionDecider"/>, <see cref="RoundDecider"/>); this class only
/// carries turns in and effects out.
/// </summary>
public sealed partial class SessionsFeature : IBotFeature, IHelpContributor
{
    private static readonly string[] Verbs =
    [
        SessionVerbs.Refresh, SessionVerbs.Start, SessionVerbs.CheckIn, SessionVerbs.Listen, SessionVerbs.Leave,
        SessionVerbs.TakeRole, SessionVerbs.ReturnRole, SessionVerbs.OptOut, SessionVerbs.OptIn, SessionVerbs.DivideRoles,
        SessionVerbs.AssignRole, SessionVerbs.UnassignRole, SessionVerbs.HandOver, SessionVerbs.TakeOver,
        SessionVerbs.RequestClose, SessionVerbs.ConfirmClose, SessionVerbs.CancelClose,
        SessionVerbs.SubmitPitch, SessionVerbs.ListenOnly, SessionVerbs.WithdrawPitch, SessionVerbs.NextPitch,
        SessionVerbs.MovePitchUp, SessionVerbs.MovePitchDown, SessionVerbs.SkipPitch, SessionVerbs.PickPitch,
        SessionVerbs.Answer, SessionVerbs.NextStep, SessionVerbs.StrikeNote,
        SessionVerbs.TimerStart, SessionVerbs.TimerPause, SessionVerbs.TimerResume, SessionVerbs.TimerExtend, SessionVerbs.TimerStop,
    ];

    private readonly ConversationSessionStore _sessions;
    private readonly LiveCardUpdater _cards;
    private readonly RoundRunner _round;
    private readonly SessionItemStore _items;
    private readonly PersonalCardGroup _cardGroup;
    private readonly SummaryPublisher _summaries;

    public SessionsFeature(
        ConversationSessionStore sessions,
        LiveCardUpdater cards,
        RoundRunner round,
        SessionItemStore items,
        PersonalCardGroup cardGroup,
        SummaryPublisher summaries)
    {
        _cardGroup = cardGroup;
        _summaries = summaries;
        _sessions = sessions;
        _cards = cards;
        _round = round;
        _items = items;
    }

    public IEnumerable<HelpCard.Command> Commands => [.. SessionOfferCard.HelpCommands, .. RoundHelp.SessionCommands];

    public IEnumerable<CardAction> Actions(Text text, bool personal) => SessionOfferCard.HelpActions(text, personal);

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(StartCommand(), OnStartTypedAsync)
           .OnMessage(CloseCommand(), OnCloseTypedAsync)
           .OnMessage(NoteCommand(), OnNoteTypedAsync)
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
            await context.Reply(SessionMessages.Refusal(text, refused)).ConfigureAwait(false);
        }
    }

    private async Task OnCloseTypedAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        if (!CloseRequest.Matches(context.Command))
        {
            await context.Reply(text["NotUnderstood"]).ConfigureAwait(false);
            return;
        }

        if (context.IsPersonal)
        {
            await context.Reply(text["SessionOnlyInGroups"]).ConfigureAwait(false);
            return;
        }

        var turn = await DecideAsync(context, new RequestClose(), expectedSessionId: null).ConfigureAwait(false);
        switch (turn.Decision)
        {
            case Refused refused:
                await context.Reply(SessionMessages.Refusal(text, refused)).ConfigureAwait(false);
                break;
            case Accepted accepted:
                await context.Reply(SessionActivities.Card(SessionOfferCard.CloseConfirm(text, accepted.State))).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A chat line for the chat-scribe's notes: "@StuyfBot #tip ..." or "@StuyfBot noteer ...".</summary>
    private async Task OnNoteTypedAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        var botMentions = context.Activity.Entities?
            .Where(e => e.Type == EntityTypes.Mention && e.Mentioned?.Id == context.Bot?.Id && e.Text is not null)
            .Select(e => e.Text!) ?? [];
        if (context.IsPersonal || ChatNote.Parse(context.Activity.Text, botMentions) is not { } note)
        {
            await context.Reply(text[context.IsPersonal ? "SessionOnlyInGroups" : "NotUnderstood"]).ConfigureAwait(false);
            return;
        }

        var conversationId = context.Activity.Conversation!.Id!;
        var sessions = await _sessions.ReadAsync(conversationId, context.CancellationToken).ConfigureAwait(false);
        if (sessions?.Current is not { Status: SessionStatus.Open } open)
        {
            await context.Reply(SessionMessages.Refusal(text, new Refused(RefusalReason.NoSession))).ConfigureAwait(false);
            return;
        }

        var outcome = await _round.RunAsync(conversationId, open.Id, new AddNote(note), ActorOf(context), context.Activity.Id!, context.CancellationToken).ConfigureAwait(false);
        if (outcome.Decision is Refused refused)
        {
            await context.Reply(SessionMessages.Refusal(text, refused)).ConfigureAwait(false);
        }
    }

    private async Task<InvokeResponse> OnCardActionAsync(ActivityContext context, AdaptiveCardInvokeAction action)
    {
        var text = new Text(context.Culture);
        switch (SessionVerbs.Read(action.Verb, CardData.Flatten(action.Data)))
        {
            case RefreshSessionCard refresh:
                var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
                return sessions?.Find(refresh.SessionId) is { } shown
                    ? InvokeResponse.Card(SessionCard.Render(await ViewAsync(shown, context).ConfigureAwait(false), text, ViewerOf(context)).ToJson())
                    : InvokeResponse.Message(text["SessionCardOutdated"]);
            case StartSession start when context.IsPersonal:
                return InvokeResponse.Message(text["SessionOnlyInGroups"]);
            case StartSession start:
                var started = await DecideAsync(context, new Start(NewSessionId(), start.Kind, null, context.Activity.Conversation!.Id!), null).ConfigureAwait(false);
                return started.Decision is Refused startRefused
                    ? InvokeResponse.Message(SessionMessages.Refusal(text, startRefused))
                    : InvokeResponse.Message(text["SessionStartedBelow"]);
            case RunSessionCommand run:
                var turn = await DecideAsync(context, run.Command, run.SessionId).ConfigureAwait(false);
                return turn.Decision switch
                {
                    null => InvokeResponse.Message(text["SessionCardOutdated"]),
                    Refused refused => InvokeResponse.Message(SessionMessages.Refusal(text, refused)),
                    Accepted accepted => InvokeResponse.Card(SessionCard.Render(await ViewAsync(accepted.State, context).ConfigureAwait(false), text, ViewerOf(context)).ToJson()),
                    _ => throw new InvalidOperationException("Unknown decision."),
                };
            case RunRoundCommand round:
                return await OnRoundCommandAsync(context, round, text).ConfigureAwait(false);
            default:
                return InvokeResponse.Message(text["UnknownAction"]);
        }
    }

    private async Task<InvokeResponse> OnRoundCommandAsync(ActivityContext context, RunRoundCommand run, Text text)
    {
        if (context.IsPersonal)
        {
            return await OnPersonalPitchAsync(context, run, text).ConfigureAwait(false);
        }

        var conversationId = context.Activity.Conversation!.Id!;
        var outcome = await _round.RunAsync(conversationId, run.SessionId, run.Command, ActorOf(context), context.Activity.Id!, context.CancellationToken).ConfigureAwait(false);
        switch (outcome.Decision)
        {
            case null:
                return InvokeResponse.Message(text["SessionCardOutdated"]);
            case Refused refused:
                return InvokeResponse.Message(SessionMessages.Refusal(text, refused));
            case Accepted accepted:
                var view = _round.ViewOf(accepted.State, outcome.Records);
                return run.OnAnswerCard && run.Command is AnswerPitch answer && outcome.Records.FindPitch(answer.PitchId) is not null
                    ? InvokeResponse.Card(AnswerCard.Render(view, answer.PitchId, text, thanks: true).ToJson())
                    : InvokeResponse.Card(SessionCard.Render(view, text, ViewerOf(context)).ToJson());
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    /// <summary>
    /// The pitch card in a 1:1 chat names its group: the person must be in it (anyone could
    /// forge the name), and only their own pitch can be sent or withdrawn from there.
    /// </summary>
    private async Task<InvokeResponse> OnPersonalPitchAsync(ActivityContext context, RunRoundCommand run, Text text)
    {
        if (run.ConversationId is not { } groupId || run.Command is not (SubmitPitch or WithdrawPitch))
        {
            return InvokeResponse.Message(text["UnknownAction"]);
        }

        var me = context.Activity.From!.Id!;
        var access = await _cardGroup.CheckAsync(groupId, run.SessionId, me, context.CancellationToken).ConfigureAwait(false);
        if (access.Session is null)
        {
            return InvokeResponse.Message(text[access.RefusalKey!]);
        }

        var outcome = await _round.RunAsync(groupId, run.SessionId, run.Command, ActorOf(context), context.Activity.Id!, context.CancellationToken).ConfigureAwait(false);
        return outcome.Decision switch
        {
            null => InvokeResponse.Message(text["SessionCardOutdated"]),
            Refused refused => InvokeResponse.Message(SessionMessages.Refusal(text, refused)),
            Accepted accepted => InvokeResponse.Card(PitchCard.Render(accepted.State, outcome.Records, me, text, editing: false).ToJson()),
            _ => throw new InvalidOperationException("Unknown decision."),
        };
    }

    private async Task OnMeetingStartAsync(ActivityContext context)
    {
        var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
        if (sessions?.Current is { Status: SessionStatus.Open })
        {
            return;
        }

        await context.Send(SessionActivities.Card(SessionOfferCard.StartOffer(new Text(context.Culture)))).ConfigureAwait(false);
    }

    private async Task OnMeetingEndAsync(ActivityContext context)
    {
        var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
        if (sessions?.Current is { Status: SessionStatus.Open } open)
        {
            await context.Send(SessionActivities.Card(SessionOfferCard.CloseOffer(Text.For(sessions.Locale), open), sessions.Locale)).ConfigureAwait(false);
        }
    }

    /// <summary>Decides and commits the command, then carries out what the decision says.</summary>
    private async Task<SessionTurn> DecideAsync(ActivityContext context, SessionCommand command, string? expectedSessionId)
    {
        var actor = ActorOf(context);
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
                await context.Send(SessionActivities.Announcement(announcement, sessions.Locale)).ConfigureAwait(false);
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
        var card = SessionCard.Render(await ViewAsync(session, context).ConfigureAwait(false), groupText, SessionViewer.Everyone);
        var posted = await context.Send(SessionActivities.Card(card)).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(posted.Id))
        {
            await _sessions.DecideAsync(context.Ref, context.Activity.Locale, session.Id, new RecordCard(posted.Id), actor, context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The session with its records, as the cards show it.</summary>
    private async Task<SessionView> ViewAsync(Session session, ActivityContext context) =>
        _round.ViewOf(session, await _items.ReadAsync(session.Id, context.CancellationToken).ConfigureAwait(false));

    private static Actor ActorOf(ActivityContext context) =>
        new(context.Activity.From!.Id!, context.Activity.From.Name ?? context.Activity.From.Id!);

    private static SessionViewer ViewerOf(ActivityContext context) => SessionViewer.For(context.Activity.From!.Id!);


    private static string NewSessionId() => Guid.NewGuid().ToString("N");



    [GeneratedRegex(@"^\s*start\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartCommand();

    [GeneratedRegex(@"^\s*(?:sluit\b|afsluiten\b|close\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CloseCommand();

    // The tags and the forward anywhere in the line: ChatNote reads them exactly.
    [GeneratedRegex(@"(?:^|\s)#(?:tip|contact|link|idee|idea|stap|step)\b|^\s*(?:noteer|note)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoteCommand();
}
