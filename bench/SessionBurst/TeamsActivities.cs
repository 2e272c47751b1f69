using System.Text.Json.Nodes;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>Someone in the group chat.</summary>
public sealed record Person(string Id, string Name);

/// <summary>Group chat activities shaped the way Teams sends them (as in the bot's tests).</summary>
public sealed class TeamsActivities
{
    private const string BotId = "28:stuyfbot-bench";
    private const string TenantId = "tenant-bench";

    private readonly Uri _serviceUrl;
    private readonly string _conversationId;

    public TeamsActivities(Uri serviceUrl, string conversationId)
    {
        _serviceUrl = serviceUrl;
        _conversationId = conversationId;
    }

    /// <summary>A message that @mentions the bot (Teams only delivers those in a group chat).</summary>
    public JsonObject Mention(Person from, string command)
    {
        var activity = Base("message", from);
        activity["text"] = $"<at>StuyfBot</at> {command}";
        activity["textFormat"] = "plain";
        activity["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "StuyfBot" },
            ["text"] = "<at>StuyfBot</at>",
        });
        return activity;
    }

    /// <summary>A press on a card button (Action.Execute): an adaptiveCard/action invoke.</summary>
    public JsonObject CardAction(Person from, string verb, JsonObject data, string cardActivityId)
    {
        var activity = Base("invoke", from);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private JsonObject Base(string type, Person from) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["serviceUrl"] = _serviceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = "aad-" + from.Id },
        ["conversation"] = new JsonObject
        {
            ["id"] = _conversationId,
            ["conversationType"] = "groupChat",
            ["tenantId"] = TenantId,
            ["isGroup"] = true,
        },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "StuyfBot" },
        ["locale"] = "nl-BE",
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "nl-BE", ["country"] = "BE", ["platform"] = "Web" }),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };
}
