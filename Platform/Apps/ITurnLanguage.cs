using System.Globalization;

namespace StuyfBot.Platform.Apps;

/// <summary>
/// The language the platform answers in, given by the bot: the platform knows no texts of its
/// own (they live with the cards), but it must pick a turn's culture and say "try again".
/// </summary>
public interface ITurnLanguage
{
    /// <summary>The reader's culture for an activity's locale (null: none given).</summary>
    CultureInfo CultureOf(string? locale);

    /// <summary>"Storage was unavailable, nothing was stored, try again", in <paramref name="culture"/>.</summary>
    string StorageTryAgain(CultureInfo culture);
}
