using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Summaries;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Dialogs.Summaries;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;

namespace StuyfBot.Cards.Tests.Summaries;

/// <summary>The summary as the coordinator opens it: the summary card and where its files are.</summary>
public sealed class OpenedSummaryCardTests
{
    public static readonly SummaryFiles Files = new(
        "https://stuyfbot.blob.core.windows.net/stuyfbot",
        "summaries/2026/11/s1.facilitators.md",
        "summaries/2026/11/s1.facilitators.html",
        "summaries/2026/11/s1.facilitators.json");

    [Theory]
    [InlineData("nl-BE", "om te lezen")]
    [InlineData("en-US", "to read")]
    public void It_is_the_summary_card_and_then_where_the_markdown_html_and_json_are(string locale, string words)
    {
        var text = Text.For(locale);
        var summary = Summary(SummaryAudience.Facilitators);

        var card = OpenedSummaryCard.Render(summary, Files, text);

        var shown = CardJson.AllText(card.ToJson());
        Assert.StartsWith(CardJson.AllText(SummaryCard.Render(summary, text).ToJson()), shown, StringComparison.Ordinal);
        var where = shown[CardJson.AllText(SummaryCard.Render(summary, text).ToJson()).Length..];
        Assert.Contains(words, where, StringComparison.Ordinal);
        Assert.Contains("summaries/2026/11/s1.facilitators.md", where, StringComparison.Ordinal);
        Assert.Contains("summaries/2026/11/s1.facilitators.html", where, StringComparison.Ordinal);
        Assert.Contains("summaries/2026/11/s1.facilitators.json", where, StringComparison.Ordinal);
        Assert.Contains("https://stuyfbot.blob.core.windows.net/stuyfbot", where, StringComparison.Ordinal);
    }
}
