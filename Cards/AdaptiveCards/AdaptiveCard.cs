using System.Text.Json.Nodes;

namespace StuyfBot.Cards.AdaptiveCards;

/// <summary>
/// A small typed Adaptive Card model (what Teams renders: schema 1.5), written to JSON by
/// <see cref="ToJson"/>. Only the elements the bot uses are modelled.
/// </summary>
public sealed record AdaptiveCard(IReadOnlyList<CardElement> Body, IReadOnlyList<CardAction>? Actions = null)
{
    public const string Version = "1.5";

    /// <summary>Per-user refresh (Universal Actions): Teams calls the verb for these users.</summary>
    public CardRefresh? Refresh { get; init; }

    /// <summary>Teams-only: width of the card.</summary>
    public bool FullWidth { get; init; }

    public JsonObject ToJson()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
        };
        card["body"] = new JsonArray([.. Body.Select(e => (JsonNode)e.ToJson())]);
        if (Actions is { Count: > 0 })
        {
            card["actions"] = new JsonArray([.. Actions.Select(a => (JsonNode)a.ToJson())]);
        }

        if (Refresh is not null)
        {
            card["refresh"] = Refresh.ToJson();
        }

        if (FullWidth)
        {
            card["msteams"] = new JsonObject { ["width"] = "Full" };
        }

        return card;
    }
}

public sealed record CardRefresh(ExecuteAction Action, IReadOnlyList<string> UserIds)
{
    public JsonObject ToJson() => new()
    {
        ["action"] = Action.ToJson(),
        ["userIds"] = new JsonArray([.. UserIds.Select(u => (JsonNode)JsonValue.Create(u))]),
    };
}
