using System.Text.RegularExpressions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Summaries;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// The coordinator's summaries, in a 1:1 chat with the bot: <c>samenvattingen [n]</c> (or
/// <c>verslagen</c>, English <c>summaries</c>) lists the most recent ones, and "Open het verslag"
/// shows one (the facilitators' version) with where its Markdown and HTML are kept. Only the
/// <see cref="Coordinators"/> may; anyone else gets a friendly refusal. Never in a group: the
/// facilitators' version holds pitches the group must not see.
/// </summary>
public sealed partial class SummariesFeature : IBotFeature, IHelpContributor
{
    private readonly SummaryArchive _archive;
    private readonly Coordinators _coordinators;
    private readonly SessionCardRouter _router;

    public SummariesFeature(SummaryArchive archive, Coordinators coordinators, SessionCardRouter router)
    {
        _archive = archive;
        _coordinators = coordinators;
        _router = router;
    }

    public IEnumerable<HelpCard.Command> Commands { get; } = [RoundHelp.SummariesCommand];

    public IEnumerable<CardAction> Actions(Text text, bool personal) => [];

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(ListCommand(), OnListAsync);
        _router.Map(app, SummaryRoutes.Table, OnOpenAsync);
    }

    private async Task OnListAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        if (Refusal(context, text) is { } refusal)
        {
            await context.Reply(refusal).ConfigureAwait(false);
            return;
        }

        if (SummariesRequest.Parse(context.Command) is not { } request)
        {
            await context.Reply(text.Format("SummariesUsage", SummariesRequest.MaxCount)).ConfigureAwait(false);
            return;
        }

        var listings = await _archive.RecentAsync(request.Count, context.CancellationToken).ConfigureAwait(false);
        await context.Reply(CardActivity(SummaryListCard.Render(listings, text))).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> OnOpenAsync(ActivityContext context, SessionCardAction action)
    {
        var text = new Text(context.Culture);
        if (Refusal(context, text) is { } refusal)
        {
            return InvokeResponse.Message(refusal);
        }

        if (action is not OpenSummary open)
        {
            return InvokeResponse.Message(text["UnknownAction"]);
        }

        switch (await _archive.OpenAsync(open.SessionId, open.Month, context.CancellationToken).ConfigureAwait(false))
        {
            case StoredSummary.Found found:
                // A new message, so the list stays and the next one can be opened from it.
                await context.Send(CardActivity(OpenedSummaryCard.Render(found.Summary, found.Files, text))).ConfigureAwait(false);
                return InvokeResponse.Message(text["SummaryOpenedBelow"]);
            case StoredSummary.Unreadable:
                return InvokeResponse.Message(text["SummaryUnreadable"]);
            default:
                return InvokeResponse.Message(text["SummaryNotFound"]);
        }
    }

    private string? Refusal(ActivityContext context, Text text) =>
        !_coordinators.Includes(context.Activity.From) ? text["SummariesOnlyCoordinators"]
        : !context.IsPersonal ? text["SummariesOnlyPersonal"]
        : null;

    private static Activity CardActivity(AdaptiveCard card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [Attachment.AdaptiveCard(card.ToJson())],
    };

    /// <summary>The button's data as strings (the list card's buttons carry strings only).</summary>

    /// <summary>What looks like a request for summaries; <see cref="SummariesRequest.Parse"/> reads it (or the usage is shown).</summary>
    [GeneratedRegex(
        @"^\s*(?:toon\s+|show\s+)?(?:de\s+|the\s+)?(?:recente\s+|laatste\s+|recent\s+|latest\s+)?(?:verslagen|samenvattingen|summaries)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListCommand();
}
