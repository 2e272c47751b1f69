using System.Text.Json.Nodes;
using StuyfBot.Testing;

namespace StuyfBot.Cards.Tests.Validity;

/// <summary>Every card the bot can send passes the official Adaptive Cards parser at 1.5.</summary>
public sealed class CardValidityTests
{
    [Fact]
    public async Task Every_card_passes_the_official_parser_at_its_declared_version()
    {
        var cards = CardCatalog.All().ToList();

        var results = await AdaptiveCardValidator.ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        var failures = results.Where(r => r.Value.Count > 0).Select(r => $"{r.Key}: {string.Join("; ", r.Value)}").ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.All(cards, c => Assert.Equal("1.5", c.Card["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_validator_reports_what_the_parser_misses()
    {
        var bad = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5",
             "body":[{"type":"TextBlock","text":"x","colour":"red"},{"type":"NoSuchElement"}],
             "actions":[{"type":"Action.Execute","title":"go"}]}
            """)!.AsObject();
        var old = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.2","body":[],"actions":[{"type":"Action.Execute","title":"go","verb":"v"}]}
            """)!.AsObject();
        var unversioned = JsonNode.Parse("""{"type":"AdaptiveCard","body":[]}""")!.AsObject();

        var results = await AdaptiveCardValidator.ValidateAsync([("bad", bad), ("old", old), ("unversioned", unversioned)]);

        Assert.Contains(results["bad"], p => p.Contains("\"colour\"", StringComparison.Ordinal));
        Assert.Contains(results["bad"], p => p.Contains("NoSuchElement", StringComparison.Ordinal));
        Assert.Contains(results["bad"], p => p.Contains("without a verb", StringComparison.Ordinal));
        Assert.Contains(results["old"], p => p.Contains("Action.Execute", StringComparison.Ordinal));
        Assert.Contains(results["unversioned"], p => p.Contains("no version", StringComparison.Ordinal));
    }
}
