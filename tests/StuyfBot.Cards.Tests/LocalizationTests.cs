using System.Collections;
using System.Globalization;
using System.Resources;
using StuyfBot.Cards.Localization;

namespace StuyfBot.Cards.Tests;

public sealed class LocalizationTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("nl-BE", "nl-BE")]
    [InlineData("nl-NL", "nl-BE")]
    [InlineData("fr-BE", "nl-BE")]
    [InlineData("english", "nl-BE")]
    [InlineData(null, "nl-BE")]
    [InlineData("", "nl-BE")]
    public void The_culture_is_Flemish_unless_the_locale_is_English(string? locale, string expected)
    {
        Assert.Equal(expected, BotCulture.FromLocale(locale).Name);
    }

    [Fact]
    public void Every_text_exists_in_both_languages_and_differs()
    {
        var neutral = Keys(CultureInfo.InvariantCulture);
        var english = Keys(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(neutral);
        Assert.Equal(neutral.Keys.Order(), english.Keys.Order());
        Assert.All(neutral, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.All(english, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.Contains(neutral, kv => english[kv.Key] != kv.Value);
    }

    [Fact]
    public void Text_reads_the_readers_language()
    {
        Assert.StartsWith("Hallo", Text.For("nl-BE")["GreetingNoName"], StringComparison.Ordinal);
        Assert.StartsWith("Hello", Text.For("en-GB")["GreetingNoName"], StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => Text.For("nl-BE")["NoSuchKey"]);
    }

    private static Dictionary<string, string> Keys(CultureInfo culture)
    {
        var manager = new ResourceManager("StuyfBot.Cards.Resources.Strings", typeof(Text).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
