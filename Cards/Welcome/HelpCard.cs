using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;

namespace StuyfBot.Cards.Welcome;

/// <summary>The help card: what the bot can do and the commands, in the reader's language.</summary>
public static class HelpCard
{
    public const string HelpVerb = "help";

    /// <summary>One command line on the help card: the words to type and what they do.</summary>
    public sealed record Command(string Words, string TextKey);

    public static IReadOnlyList<Command> BaseCommands { get; } = [new("help", "HelpCommandHelp")];

    public static AdaptiveCard Render(Text text, bool personal, IEnumerable<Command>? extraCommands = null, IEnumerable<CardAction>? extraActions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var commands = BaseCommands.Concat(extraCommands ?? []).ToList();
        var body = new List<CardElement>
        {
            new TextBlock(text["HelpTitle"]) { Size = "large", Weight = "bolder", Style = "heading" },
            new TextBlock(text["HelpIntro"]),
            new TextBlock(text[personal ? "HelpPersonalHint" : "HelpGroupHint"]) { IsSubtle = true },
            new TextBlock(text["HelpCommandsTitle"]) { Weight = "bolder", Spacing = "medium" },
            new FactSet([.. commands.Select(c => new Fact(c.Words, text[c.TextKey]))]),
        };
        List<CardAction> actions = [.. extraActions ?? []];
        return new AdaptiveCard(body, actions);
    }
}
