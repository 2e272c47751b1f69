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
/// Planning a session in a group: typed (`plan connectortafel 28/11 19:30 [titel]`) or with the
/// help card's form. The planned session's card goes into the group with "Stel je vraag vooraf",
/// and the group is added to the tenant's <see cref="PlannedSessionIndex"/> so its members find
/// the session from their 1:1 chat. The rules are in Dialogs (<see cref="PlanRequest"/>,
/// <see cref="SessionDecider"/>); this class carries turns in and effects out.
/// </summary>
public sealed partial class PlanningFeature : IBotFeature, IHelpContributor
{
    private readonly ConversationSessionStore _sessions;
    private readonly PlannedSessionIndex _index;
    private readonly TimeProvider _time;
    private readonly ILogger<PlanningFeature> _log;

    public PlanningFeature(ConversationSessionStore sessions, PlannedSessionIndex index, TimeProvider time, ILogger<PlanningFeature> log)
    {
        _sessions = sessions;
        _index = index;
        _time = time;
        _log = log;
    }

    /// <summary>After the other features' typed commands, as when planning was mapped after sessions and notes.</summary>
    public int Order => 1;

    public IEnumerable<HelpCard.Command> Commands => [RoundHelp.PlanCommand];

    public IEnumerable<CardAction> Actions(Text text, bool personal) => RoundHelp.HelpActions(text, personal);

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(PlanCommand(), OnPlanTypedAsync);
    }

    private async Task OnPlanTypedAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        if (context.IsPersonal)
        {
            await context.Reply(text["PlanOnlyInGroups"]).ConfigureAwait(false);
            return;
        }

        var reply = PlanRequest.Parse(context.Command, _time.GetUtcNow()) switch
        {
            null => text["NotUnderstood"],
            { Problem: { } problem } => RoundMessages.PlanProblem(text, problem),
            { Request: { } request } => await PlanAsync(context, request).ConfigureAwait(false) is { } refusal ? SessionMessages.Refusal(text, refusal) : null,
            _ => throw new InvalidOperationException("A plan parse has a request or a problem."),
        };
        if (reply is not null)
        {
            await context.Reply(reply).ConfigureAwait(false);
        }
    }

    /// <summary>The help card's plan form (a button of <see cref="SessionRoutes"/>, answered for <see cref="SessionsFeature"/>).</summary>
    public async Task<InvokeResponse> OnPlanFormAsync(ActivityContext context, PlanSession form)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(form);
        var text = new Text(context.Culture);

        if (context.IsPersonal)
        {
            return InvokeResponse.Message(text["PlanOnlyInGroups"]);
        }

        var parse = PlanRequest.FromInputs(form.Kind, form.Date, form.Time, form.Title, _time.GetUtcNow());
        if (parse.Request is not { } request)
        {
            return InvokeResponse.Message(RoundMessages.PlanProblem(text, parse.Problem!.Value));
        }

        return await PlanAsync(context, request).ConfigureAwait(false) is { } refusal
            ? InvokeResponse.Message(SessionMessages.Refusal(text, refusal))
            : InvokeResponse.Message(text["SessionPlannedBelow"]);
    }

    /// <summary>Plans the session and announces it; the refusal when the rules say no (nothing changed then).</summary>
    private async Task<Refused?> PlanAsync(ActivityContext context, PlanRequest request)
    {
        var conversationId = context.Activity.Conversation!.Id!;
        var actor = new Actor(context.Activity.From!.Id!, context.Activity.From.Name ?? context.Activity.From.Id!);
        var plan = new Plan(Guid.NewGuid().ToString("N"), request.Kind, request.Title, conversationId, request.StartsAt);
        var turn = await _sessions.DecideAsync(context.Ref, context.Activity.Locale, null, plan, actor, context.CancellationToken).ConfigureAwait(false);
        if (turn.Decision is Refused refused)
        {
            return refused;
        }

        if (turn is not { Decision: Accepted accepted, Sessions: { } sessions })
        {
            throw new InvalidOperationException("A plan is decided on the conversation's current session.");
        }

        foreach (var planned in accepted.Events.OfType<SessionPlanned>())
        {
            // The index first: once the card is out, people may ask for the session from their 1:1 chat.
            await _index.AddAsync(context.Ref.TenantId, new PlannedEntry(conversationId, planned.Session.Id, planned.Session.PlannedFor), context.CancellationToken).ConfigureAwait(false);
            await AnnounceAsync(context, planned.Session, sessions.Locale, actor).ConfigureAwait(false);
            LogPlanned(planned.Session.Id, planned.Session.Kind, planned.Session.PlannedFor);
        }

        return null;
    }

    /// <summary>
    /// Posts the planned session's card (without text, so its id comes back to update it later)
    /// and a short message without @mentions: nobody is summoned, the card is there for whoever wants it.
    /// </summary>
    private async Task AnnounceAsync(ActivityContext context, Session session, string? locale, Actor actor)
    {
        var groupText = Text.For(locale);
        var card = SessionCard.Render(SessionView.Of(session, SessionRecords.Empty), groupText, SessionViewer.Everyone);
        var posted = await context.Send(new Activity
        {
            Type = ActivityTypes.Message,
            Locale = locale,
            Attachments = [Attachment.AdaptiveCard(card.ToJson())],
        }).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(posted.Id))
        {
            await _sessions.DecideAsync(context.Ref, context.Activity.Locale, session.Id, new RecordCard(posted.Id), actor, context.CancellationToken).ConfigureAwait(false);
        }

        await context.Send(new Activity
        {
            Type = ActivityTypes.Message,
            Locale = locale,
            Text = RoundMessages.Planned(groupText, session),
            TextFormat = TextFormats.Markdown,
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned session {SessionId} ({Kind}) for {StartsAt}")]
    private partial void LogPlanned(string sessionId, SessionKind kind, DateTimeOffset? startsAt);

    [GeneratedRegex(@"^\s*plan\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanCommand();
}
