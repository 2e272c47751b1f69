using System.Text.Json;
using System.Text.Json.Nodes;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>Reading what the bot's cards carry, as a Teams client would see them.</summary>
public static class CardJson
{
    /// <summary>The node and everything under it, depth first.</summary>
    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The first string value under this key anywhere in the card (e.g. an action's sessionId).</summary>
    public static string? FindData(JsonNode? card, string key) =>
        Descendants(card).OfType<JsonObject>().Select(o => o[key]).OfType<JsonValue>()
            .FirstOrDefault(v => v.GetValueKind() == JsonValueKind.String)?.GetValue<string>();

    /// <summary>The data of the card's Action.Execute with this verb (a copy), or null.</summary>
    public static JsonObject? ActionData(JsonNode? card, string verb) =>
        Descendants(card).OfType<JsonObject>()
            .FirstOrDefault(o => o["type"]?.GetValueKind() == JsonValueKind.String && o["type"]!.GetValue<string>() == "Action.Execute"
                && o["verb"]?.GetValueKind() == JsonValueKind.String && o["verb"]!.GetValue<string>() == verb)?["data"]?.DeepClone().AsObject();

    /// <summary>Whether some string in the card is exactly this (a TextBlock of its own, not part of a longer line).</summary>
    public static bool HasString(JsonNode? card, string value) =>
        Descendants(card).OfType<JsonValue>().Any(v => v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == value);
}
