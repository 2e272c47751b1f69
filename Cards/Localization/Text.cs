using System.Globalization;
using System.Resources;

namespace StuyfBot.Cards.Localization;

/// <summary>
/// The user-facing strings in one reader's language. The culture is passed in, never taken from
/// the thread, so concurrent turns in different languages cannot mix.
/// </summary>
public sealed class Text
{
    private static readonly ResourceManager Resources =
        new("StuyfBot.Cards.Resources.Strings", typeof(Text).Assembly);

    public Text(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    public static Text For(string? locale) => new(BotCulture.FromLocale(locale));

    /// <summary>The string with this key; a missing key fails loudly (tests cover every key).</summary>
    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No text '{key}' in the resources.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);
}
