using System.Text.RegularExpressions;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// A typed start: "start connectortafel", "start open huys Wijkcentrum" (English: "start
/// connector table", "start open house"), with an optional title after the kind.
/// </summary>
public sealed partial record StartRequest(SessionKind Kind, string? Title)
{
    public static StartRequest? Parse(string? text)
    {
        var match = StartPattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var kind = match.Groups["tafel"].Success ? SessionKind.Connectortafel : SessionKind.OpenHuys;
        return new StartRequest(kind, SessionRules.NormalizeTitle(match.Groups["title"].Value));
    }

    [GeneratedRegex(
        @"^\s*start\s+(?:een\s+|an?\s+)?(?:(?<tafel>connector\s*tafel|connector\s*table)|open\s*(?:huys|huis|house))(?:(?:\s*[:\-–]\s*|\s+)(?<title>.*?))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StartPattern();
}
