using System.Globalization;
using System.Text;

namespace StuyfBot.Platform.Api;

/// <summary>
/// Text from a caller (a channelId, a kid, a serviceUrl) made fit for a log line: at most
/// <see cref="MaxLength"/> characters and no control characters, so a hostile request can neither
/// flood the log nor forge lines in it.
/// </summary>
public static class LogText
{
    public const int MaxLength = 64;

    public static string Safe(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var cut = text.Length > MaxLength;
        var span = cut ? text.AsSpan(0, MaxLength) : text.AsSpan();
        if (!cut && !NeedsEscaping(span))
        {
            return text;
        }

        var builder = new StringBuilder(span.Length + 8);
        foreach (var c in span)
        {
            if (char.IsControl(c) || IsFormatting(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append("...").ToString() : builder.ToString();
    }

    // Line and paragraph separators and bidi overrides can disguise a line as well as a newline.
    private static bool IsFormatting(char c) => c is '\u2028' or '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');

    private static bool NeedsEscaping(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (IsFormatting(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
