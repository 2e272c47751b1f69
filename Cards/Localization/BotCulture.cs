using System.Globalization;

namespace StuyfBot.Cards.Localization;

/// <summary>The reader's culture: Flemish Dutch by default, English for English locales.</summary>
public static class BotCulture
{
    public static CultureInfo Flemish { get; } = CultureInfo.GetCultureInfo("nl-BE");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public static CultureInfo FromLocale(string? locale) =>
        locale is not null && (locale.Equals("en", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? English
            : Flemish;
}
