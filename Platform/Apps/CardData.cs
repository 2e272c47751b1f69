using System.Text.Json;
using System.Text.Json.Nodes;

namespace StuyfBot.Platform.Apps;

/// <summary>What an Action.Execute carries, read the way the session verbs expect it.</summary>
internal static class CardData
{
    /// <summary>Card data and inputs as strings (Teams merges the inputs into the action's data).</summary>
    public static Dictionary<string, string?> Flatten(JsonObject? data)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in data ?? [])
        {
            values[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
        }

        return values;
    }
}
