using System.Text.Json.Nodes;
using StuyfBot.Cards.Help;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Dialogs.Sessions;

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
            yield return ($"help/group-with-sessions/{locale}", HelpCard.Render(
                text, personal: false, SessionOfferCard.HelpCommands, SessionOfferCard.HelpActions(text, personal: false)).ToJson());
            foreach (var (state, session) in SessionSamples.States)
            {
                foreach (var (viewerName, viewer) in SessionSamples.Viewers)
                {
                    yield return ($"session/{state}/{viewerName}/{locale}", SessionCard.Render(new SessionView(session), text, viewer).ToJson());
                }
            }

            yield return ($"session/offer-start/{locale}", SessionOfferCard.StartOffer(text).ToJson());
            yield return ($"session/offer-close/{locale}", SessionOfferCard.CloseOffer(text, SessionSamples.OpenWithPeople).ToJson());
        }
    }
}
