using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Welcome;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Welcome;

/// <summary>
/// The greeting and the help card: in a personal chat the bot greets and shows help; in a group
/// chat or channel it answers when mentioned (Teams only delivers those messages then).
/// Installing the app greets once: Teams sends an installationUpdate and a conversationUpdate
/// adding the bot for the same install, so only the installationUpdate (which carries the
/// user's locale) greets.
/// </summary>
public sealed partial class WelcomeFeature : IBotFeature
{
    private readonly IEnumerable<IHelpContributor> _contributors;

    // The help card is the same for every reader of a language and kind of chat, and it is the
    // reply to most 1:1 messages: it is rendered once per pair, not as a new JSON tree per turn.
    // Replies share the tree, which nothing writes to after it is built, and concurrent reads of a
    // built (not parsed, so not lazily filled) JsonObject are safe.
    private readonly ConcurrentDictionary<(string Culture, bool Personal), JsonObject> _helpCards = new();

    public WelcomeFeature(IEnumerable<IHelpContributor> contributors) => _contributors = contributors;

    public int Order => int.MaxValue;

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(HelpPattern(), ShowHelpAsync)
           .OnMessage(GreetAsync)
           .OnInstall(ShowHelpAsync)
           .OnCardAction(HelpCard.HelpVerb, (context, _) => Task.FromResult(InvokeResponse.Card(RenderHelp(context).ToJson())));
    }

    private Task GreetAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        if (!context.IsPersonal)
        {
            var name = context.Activity.From?.Name;
            return context.Reply(text.Format("GroupAnswer", string.IsNullOrWhiteSpace(name) ? "👋" : name));
        }

        return SendGreetingAndHelpAsync(context);
    }

    private Task ShowHelpAsync(ActivityContext context)
    {
        if (context.IsPersonal)
        {
            return SendGreetingAndHelpAsync(context);
        }

        var activity = HelpActivity(context, null);
        return context.Activity.Type == ActivityTypes.Message ? context.Reply(activity) : context.Send(activity);
    }

    private Task SendGreetingAndHelpAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        var name = context.Activity.From?.Name;
        var greeting = string.IsNullOrWhiteSpace(name) || context.Activity.Type != ActivityTypes.Message
            ? text["GreetingNoName"]
            : text.Format("Greeting", name);
        var activity = HelpActivity(context, greeting);
        return context.Activity.Type == ActivityTypes.Message ? context.Reply(activity) : context.Send(activity);
    }

    private Activity HelpActivity(ActivityContext context, string? greeting) => new()
    {
        Type = ActivityTypes.Message,
        Text = greeting,
        TextFormat = greeting is null ? null : TextFormats.Markdown,
        Attachments = [Attachment.AdaptiveCard(_helpCards.GetOrAdd((context.Culture.Name, context.IsPersonal), _ => RenderHelp(context).ToJson()))],
    };

    private AdaptiveCard RenderHelp(ActivityContext context)
    {
        var text = new Text(context.Culture);
        var commands = _contributors.SelectMany(c => c.Commands).ToList();
        var actions = _contributors.SelectMany(c => c.Actions(text, context.IsPersonal)).ToList();
        return HelpCard.Render(text, context.IsPersonal, commands, actions);
    }

    [GeneratedRegex(@"^\s*(help|hulp|\?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HelpPattern();
}
