using System.Text;

namespace StuyfBot.Cards.AdaptiveCards;

/// <summary>
/// Escapes what people typed so that it shows as typed in Markdown (the Markdown summary, and the
/// Markdown subset of Adaptive Card text): no links, emphasis, headings, lists, quotes, tables,
/// code or HTML can be made from it. Inline characters are backslash-escaped (CommonMark allows
/// that for any ASCII punctuation); characters that only mean something at the start of a line
/// are escaped there; leading spaces go, so no line turns into a code block.
/// </summary>
public static class Markdown
{
    private const string Inline = "\\`*_[]<>|~&";
    private const string LineStart = "#>-+=!";

    /// <summary>The text, escaped, its lines kept (joined by <paramref name="lineBreak"/>).</summary>
    public static string Escape(string? text, string lineBreak = "\n")
    {
        ArgumentNullException.ThrowIfNull(lineBreak);
        var lines = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return string.Join(lineBreak, lines.Select(EscapeLine).Where(l => l.Length > 0));
    }

    /// <summary>The text on one line (line breaks become spaces), escaped: for list items and headings.</summary>
    public static string EscapeInline(string? text) => Escape(text, " ");

    private static string EscapeLine(string line)
    {
        var trimmed = line.Trim();
        var escaped = new StringBuilder(trimmed.Length + 8);
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (Inline.Contains(c, StringComparison.Ordinal) || (i == 0 && LineStart.Contains(c, StringComparison.Ordinal)))
            {
                escaped.Append('\\');
            }
            else if ((c is '.' or ')') && i > 0 && trimmed[..i].All(char.IsAsciiDigit))
            {
                // "1." or "1)" at the start of a line would begin a numbered list.
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
