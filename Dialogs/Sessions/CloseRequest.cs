using System.Text.RegularExpressions;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// A typed close: "sluit af", "sluit de sessie af", "afsluiten" (English: "close", "close the
/// session"). It asks for the close (<see cref="RequestClose"/>); the moderator confirms with a button.
/// </summary>
public static partial class CloseRequest
{
    public static bool Matches(string? text) => Pattern().IsMatch(text ?? string.Empty);

    [GeneratedRegex(
        @"^\s*(?:sluit\s+(?:de\s+(?:sessie|connectortafel|open\s*huys)\s+)?af|afsluiten|close(?:\s+(?:the\s+)?session)?)\s*[.!]?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
