using System.Text.RegularExpressions;

namespace StuyfBot.Dialogs.Notes;

/// <summary>
/// The web links in a text: only absolute http and https URLs with a host (never javascript:,
/// data:, file: and the like), without the punctuation that ends the sentence around them.
/// </summary>
public static partial class Links
{
    public const int MaxLength = 2000;

    /// <summary>The links in their order, each once.</summary>
    public static IReadOnlyList<string> In(string? text) => [.. Spans(text).Select(s => s.Url).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether this is a link the bot may show as one: absolute http(s) with a host.</summary>
    public static bool IsWebLink(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>Where the links are in the text (start, length, the link).</summary>
    internal static IEnumerable<(int Start, int Length, string Url)> Spans(string? text)
    {
        foreach (Match match in Candidate().Matches(text ?? string.Empty))
        {
            var url = TrimEnd(match.Value);
            if (IsWebLink(url))
            {
                yield return (match.Index, url.Length, url);
            }
        }
    }

    /// <summary>Drops sentence punctuation after a link, keeping a closing bracket the link opened.</summary>
    private static string TrimEnd(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            var unmatchedClose = (last == ')' && url.Count(c => c == ')') > url.Count(c => c == '('))
                || (last == ']' && url.Count(c => c == ']') > url.Count(c => c == '['));
            if (".,;:!?'\"".Contains(last, StringComparison.Ordinal) || unmatchedClose)
            {
                url = url[..^1];
            }
            else
            {
                break;
            }
        }

        return url;
    }

    [GeneratedRegex(@"(?<![\w/])https?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
