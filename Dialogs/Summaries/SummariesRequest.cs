using System.Globalization;
using System.Text.RegularExpressions;

namespace StuyfBot.Dialogs.Summaries;

/// <summary>
/// The coordinator's typed request for recent summaries: "verslagen", "verslagen 5",
/// "samenvattingen" (English: "summaries", "recent summaries 5"). At most <see cref="MaxCount"/>.
/// </summary>
public sealed partial record SummariesRequest(int Count)
{
    public const int DefaultCount = 10;

    public const int MaxCount = 25;

    public static SummariesRequest? Parse(string? text)
    {
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var count = match.Groups["n"].Success && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : DefaultCount;
        return new SummariesRequest(Math.Clamp(count, 1, MaxCount));
    }

    [GeneratedRegex(
        @"^\s*(?:(?:toon\s+)?(?:de\s+)?(?:recente\s+|laatste\s+)?(?:verslagen|samenvattingen)|(?:show\s+)?(?:the\s+)?(?:recent\s+|latest\s+)?summaries)(?:\s+(?<n>\d{1,3}))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
