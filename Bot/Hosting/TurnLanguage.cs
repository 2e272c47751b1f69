using System.Globalization;
using StuyfBot.Cards.Localization;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Hosting;

/// <summary>The platform's language, from the cards' resources: Flemish Dutch unless the locale is English.</summary>
public sealed class TurnLanguage : ITurnLanguage
{
    public CultureInfo CultureOf(string? locale) => BotCulture.FromLocale(locale);

    public string StorageTryAgain(CultureInfo culture) => new Text(culture)["StorageTryAgain"];
}
