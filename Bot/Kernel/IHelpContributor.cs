using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Welcome;

namespace StuyfBot.Bot.Kernel;

/// <summary>A feature that adds its commands and buttons to the help card.</summary>
public interface IHelpContributor
{
    IEnumerable<HelpCard.Command> Commands { get; }

    IEnumerable<CardAction> Actions(Text text, bool personal);
}
