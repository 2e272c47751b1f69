using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>Where a stored summary's files are: the store (a blob container's address or a folder) and each file's name in it.</summary>
public sealed record SummaryFiles(string Location, string Markdown, string Html, string Json);

/// <summary>
/// A stored summary as the coordinator opens it: the summary card, then where the full Markdown
/// (to read), HTML (to print) and JSON (for other programs) are kept, since a card shows only the
/// first answers, notes and links.
/// </summary>
public static class OpenedSummaryCard
{
    public static AdaptiveCard Render(SessionSummary summary, SummaryFiles files, Text text)
    {
        ArgumentNullException.ThrowIfNull(files);
        var card = SummaryCard.Render(summary, text);
        var where = new TextBlock(text.Format(
            "SummaryStoredAt",
            Markdown.EscapeInline(files.Location),
            Markdown.EscapeInline(files.Markdown),
            Markdown.EscapeInline(files.Html),
            Markdown.EscapeInline(files.Json)))
        {
            IsSubtle = true,
            Separator = true,
            Spacing = "large",
        };
        return card with { Body = [.. card.Body, where] };
    }
}
