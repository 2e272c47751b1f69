using System.Globalization;
using System.Text.Json.Nodes;

namespace StuyfBot.Testing;

/// <summary>
/// Activities shaped the way the playground (and Teams) shapes them, for any person of the
/// tenant and any locale, to send with <see cref="AgentsPlayground.SendActivityAsync"/>.
/// The playground's own message and invoke APIs always send as the current user with locale
/// en-US; these are how a test lets the five others speak, or anyone speak Flemish.
/// </summary>
public sealed class PlaygroundActivities
{
    public const string DefaultLocale = "nl-BE";
    public const string DefaultTimezone = "Europe/Brussels";

    private readonly PlaygroundConfig _config;
    private readonly string _serviceUrl;

    public PlaygroundActivities(PlaygroundConfig config, string serviceUrl)
    {
        _config = config;
        _serviceUrl = serviceUrl;
    }

    /// <summary>
    /// A message from <paramref name="fromId"/>. In a group chat or channel the bot is @mentioned
    /// unless <paramref name="mentionBot"/> is false (Teams delivers only mentions to bots there).
    /// </summary>
    public JsonObject Message(string fromId, string conversationId, string text, string locale = DefaultLocale, bool? mentionBot = null)
    {
        var activity = Base("message", fromId, conversationId, locale);
        var mention = mentionBot ?? _config.KindOf(conversationId) != PlaygroundConversationKind.Personal;
        activity["text"] = mention ? MentionText + " " + text : text;
        activity["textFormat"] = "plain";
        if (mention)
        {
            ((JsonArray)activity["entities"]!).Insert(0, new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = _config.Bot.Id, ["name"] = _config.Bot.Name },
                ["text"] = MentionText,
            });
        }

        return activity;
    }

    /// <summary>An adaptiveCard/action invoke (Action.Execute) on the card message <paramref name="cardMessageId"/>.</summary>
    public JsonObject CardAction(string fromId, string conversationId, string cardMessageId, string verb, JsonObject? data = null, string locale = DefaultLocale)
    {
        var activity = Base("invoke", fromId, conversationId, locale);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardMessageId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        ((JsonObject)activity["channelData"]!)["source"] = new JsonObject { ["name"] = "message" };
        return activity;
    }

    /// <summary>
    /// The fields every activity from a person carries. Any other activity (a meeting event, a
    /// conversationUpdate) starts from here and adds its own fields.
    /// </summary>
    public JsonObject Base(string type, string fromId, string conversationId, string locale = DefaultLocale)
    {
        var from = _config.Person(fromId);
        var kind = _config.KindOf(conversationId);
        var now = DateTimeOffset.UtcNow;
        var conversation = new JsonObject
        {
            ["id"] = conversationId,
            ["conversationType"] = kind switch
            {
                PlaygroundConversationKind.Personal => "personal",
                PlaygroundConversationKind.GroupChat => "groupChat",
                _ => "channel",
            },
            ["tenantId"] = _config.TenantId,
        };
        if (kind != PlaygroundConversationKind.Personal)
        {
            conversation["isGroup"] = true;
        }

        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = _config.TenantId } };
        if (kind == PlaygroundConversationKind.Channel)
        {
            var channelId = PlaygroundConfig.ChannelOf(conversationId);
            var team = _config.Teams.First(t => t.Channels.Any(c => c.Id == channelId));
            channelData["teamsChannelId"] = channelId;
            channelData["teamsTeamId"] = team.Id;
            channelData["team"] = new JsonObject { ["id"] = team.Id };
            channelData["channel"] = new JsonObject { ["id"] = channelId };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString(),
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["localTimestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["localTimezone"] = DefaultTimezone,
            ["serviceUrl"] = _serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["conversation"] = conversation,
            ["recipient"] = new JsonObject { ["id"] = _config.Bot.Id, ["name"] = _config.Bot.Name },
            ["locale"] = locale,
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "clientInfo",
                ["locale"] = locale,
                ["country"] = locale.Split('-').Last(),
                ["platform"] = "Web",
                ["timezone"] = DefaultTimezone,
            }),
            ["channelData"] = channelData,
        };
    }

    private string MentionText => $"<at>{_config.Bot.Name}</at>";
}
