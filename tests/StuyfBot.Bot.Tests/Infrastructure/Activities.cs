using System.Text.Json.Nodes;

namespace StuyfBot.Bot.Tests.Infrastructure;

/// <summary>Activities shaped the way Teams sends them.</summary>
public static class Activities
{
    public const string BotId = "28:stuyfbot-test";
    public const string TenantId = "tenant-1";

    public static JsonObject Message(Uri serviceUrl, string text, string conversationId = "a:personal-1", string conversationType = "personal", string fromId = "29:user-1", string fromName = "An Peeters", string locale = "nl-BE", string? id = null) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["localTimestamp"] = DateTimeOffset.Now.ToString("O"),
        ["serviceUrl"] = serviceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName, ["aadObjectId"] = "aad-" + fromId },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId,
            ["conversationType"] = conversationType,
            ["tenantId"] = TenantId,
            ["isGroup"] = conversationType != "personal",
        },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "StuyfBot" },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = locale,
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = locale, ["country"] = "BE", ["platform"] = "Web" }),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    /// <summary>A group chat message that @mentions the bot (Teams only delivers those).</summary>
    public static JsonObject Mention(Uri serviceUrl, string command, string conversationId = "19:group-1@thread.v2", string fromId = "29:user-1", string fromName = "An Peeters", string locale = "nl-BE")
    {
        var activity = Message(serviceUrl, $"<at>StuyfBot</at> {command}", conversationId, "groupChat", fromId, fromName, locale);
        ((JsonArray)activity["entities"]!).Add(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "StuyfBot" },
            ["text"] = "<at>StuyfBot</at>",
        });
        return activity;
    }

    /// <summary>An adaptiveCard/action invoke (Action.Execute) with a verb and data.</summary>
    public static JsonObject CardAction(Uri serviceUrl, string verb, JsonObject? data = null, string conversationId = "a:personal-1", string conversationType = "personal", string fromId = "29:user-1", string fromName = "An Peeters", string locale = "nl-BE", string? replyToId = null)
    {
        var activity = Message(serviceUrl, string.Empty, conversationId, conversationType, fromId, fromName, locale);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId ?? "card-1";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return activity;
    }
}
