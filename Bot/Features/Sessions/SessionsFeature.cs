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

namespace StuyfBot.Bot.Features.Sessions;

/// <summary>
/// Sessions in Teams: `start connectortafel|open huys [titel]`, `sluit af`, the live card's
/// attendance, roles, moderation and close buttons (<see cref="SessionRoutes"/>), planning (with
/// <see cref="PlanningFeature"/>), and the offers when a meeting starts or ends. The rules are in
/// Dialogs (<see cref="SessionDecider"/>); the kernel's <see cref="SessionRunner"/> decides,
/// commits and carries out the effects.
/// </summary>
public sealed partial class SessionsFeature : IBotFeature, IHelpContributor
{
    private readonly ConversationSessionStore _sessions;
    private readonly SessionRunner _runner;
    private readonly SessionCardRouter _router;
    private readonly PlanningFeature _planning;

    public SessionsFeature(ConversationSessionStore sessions, SessionRunner runner, SessionCardRouter router, PlanningFeature planning)
    {
        _sessions = sessions;
        _runner = runner;
        _router = router;
        _planning = planning;
    }

    public IEnumerable<HelpCard.Command> Commands => [.. SessionOfferCard.HelpCommands, .. RoundHelp.SessionCommands];

    public IEnumerable<CardAction> Actions(Text text, bool personal) => SessionOfferCard.HelpActions(text, personal);

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(StartCommand(), OnStartTypedAsync)
           .OnMessage(CloseCommand(), OnCloseTypedAsync)
           .OnMeetingStart(OnMeetingStartAsync)
           .OnMeetingEnd(OnMeetingEndAsync);
        _router.Map(app, SessionRoutes.Table, OnCardActionAsync);
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
        var turn = await _runner.RunAsync(context, null, start).ConfigureAwait(false);
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

        var turn = await _runner.RunAsync(context, null, new RequestClose()).ConfigureAwait(false);
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

    /// <summary>The buttons of the table that are no session command: start a session, plan one.</summary>
    private async Task<InvokeResponse> OnCardActionAsync(ActivityContext context, SessionCardAction action)
    {
        var text = new Text(context.Culture);
        switch (action)
        {
            case StartSession when context.IsPersonal:
                return InvokeResponse.Message(text["SessionOnlyInGroups"]);
            case StartSession start:
                var started = await _runner.RunAsync(context, null, new Start(NewSessionId(), start.Kind, null, context.Activity.Conversation!.Id!)).ConfigureAwait(false);
                return started.Decision is Refused startRefused
                    ? InvokeResponse.Message(SessionMessages.Refusal(text, startRefused))
                    : InvokeResponse.Message(text["SessionStartedBelow"]);
            case PlanSession plan:
                return await _planning.OnPlanFormAsync(context, plan).ConfigureAwait(false);
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

    private static string NewSessionId() => Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"^\s*start\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartCommand();

    [GeneratedRegex(@"^\s*(?:sluit\b|afsluiten\b|close\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CloseCommand();

}
