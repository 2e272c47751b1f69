using System.Text.Json.Nodes;

namespace StuyfBot.Cards.AdaptiveCards;

public abstract record CardAction(string Title)
{
    /// <summary>default, positive, destructive.</summary>
    public string? Style { get; init; }

    public string? Tooltip { get; init; }

    public abstract JsonObject ToJson();

    protected JsonObject Base(string type)
    {
        var json = new JsonObject { ["type"] = type, ["title"] = Title };
        if (Style is not null)
        {
            json["style"] = Style;
        }

        if (Tooltip is not null)
        {
            json["tooltip"] = Tooltip;
        }

        return json;
    }
}

/// <summary>Action.Execute (Universal Actions): Teams sends an adaptiveCard/action invoke with the verb.</summary>
public sealed record ExecuteAction(string Title, string Verb, IReadOnlyDictionary<string, string>? Data = null) : CardAction(Title)
{
    /// <summary>"none" for buttons that only act (no inputs); "auto" validates and sends the card's inputs.</summary>
    public string? AssociatedInputs { get; init; }

    public override JsonObject ToJson()
    {
        var json = Base("Action.Execute");
        json["verb"] = Verb;
        if (Data is { Count: > 0 })
        {
            var data = new JsonObject();
            foreach (var (key, value) in Data)
            {
                data[key] = value;
            }

            json["data"] = data;
        }

        if (AssociatedInputs is not null)
        {
            json["associatedInputs"] = AssociatedInputs;
        }

        return json;
    }
}

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title)
{
    public override JsonObject ToJson()
    {
        var json = Base("Action.OpenUrl");
        json["url"] = Url.ToString();
        return json;
    }
}

/// <summary>Shows a nested card inside the card (a form that unfolds).</summary>
public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title)
{
    public override JsonObject ToJson()
    {
        var json = Base("Action.ShowCard");
        var card = Card.ToJson();
        card.Remove("$schema");
        json["card"] = card;
        return json;
    }
}
