using System.Text.Json.Nodes;
using StuyfBot.Cards.Help;
using StuyfBot.Cards.Localization;

namespace StuyfBot.Cards.Tests.Validity;

/// <summary>
/// Every card the bot can send, in every language and variant. A new card is added here, and
/// the validity test checks it with the official parser.
/// </summary>
public static class CardCatalog
{
    public static IEnumerable<(string Name, JsonObject Card)> All()
    {
        foreach (var locale in new[] { "nl-BE", "en-US" })
        {
            var text = Text.For(locale);
            yield return ($"help/personal/{locale}", HelpCard.Render(text, personal: true).ToJson());
            yield return ($"help/group/{locale}", HelpCard.Render(text, personal: false).ToJson());
        }
    }
}
