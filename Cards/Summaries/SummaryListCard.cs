using System.Globalization;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>The coordinator's list of recent summaries, newest first, each with a button to open it.</summary>
public static class SummaryListCard
{
    public static AdaptiveCard Render(IReadOnlyList<SummaryListing> listings, Text text)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(text);
        var body = new List<CardElement> { new TextBlock(text["SummaryListTitle"]) { Size = "medium", Weight = "bolder", Style = "heading" } };
        if (listings.Count == 0)
        {
            body.Add(new TextBlock(text["SummaryListEmpty"]));
        }

        foreach (var listing in listings.OrderByDescending(l => l.HeldOn))
        {
            var kind = SessionCard.KindName(text, listing.Kind);
            var name = listing.Title is null ? kind : text.Format("SessionHeading", kind, Markdown.EscapeInline(listing.Title));
            body.Add(new Container(
            [
                new TextBlock(name) { Weight = "bolder" },
                new TextBlock(text.Format("SummaryListLine", PitchText.When(text, listing.HeldOn), listing.People, listing.Pitched)) { IsSubtle = true, Spacing = "none" },
                new ActionSet([new ExecuteAction(text["ButtonOpenSummary"], SessionVerbs.OpenSummary, new Dictionary<string, string>
                {
                    [SessionVerbs.SessionIdKey] = listing.SessionId,
                    [SessionVerbs.MonthKey] = Month(listing.HeldOn),
                })]),
            ])
            { Separator = true });
        }

        return new AdaptiveCard(body);
    }

    /// <summary>The month a summary is stored under (UTC, as the blob layout has it).</summary>
    public static string Month(DateTimeOffset heldOn) => heldOn.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
