using System.Text.Json.Nodes;

namespace StuyfBot.Cards.AdaptiveCards;

public abstract record CardElement
{
    public string? Id { get; init; }

    public bool Separator { get; init; }

    /// <summary>none, small, default, medium, large, extraLarge, padding.</summary>
    public string? Spacing { get; init; }

    public abstract JsonObject ToJson();

    protected JsonObject Base(string type)
    {
        var json = new JsonObject { ["type"] = type };
        if (Id is not null)
        {
            json["id"] = Id;
        }

        if (Separator)
        {
            json["separator"] = true;
        }

        if (Spacing is not null)
        {
            json["spacing"] = Spacing;
        }

        return json;
    }
}

public sealed record TextBlock(string Text) : CardElement
{
    public bool Wrap { get; init; } = true;

    /// <summary>small, default, medium, large, extraLarge.</summary>
    public string? Size { get; init; }

    /// <summary>lighter, default, bolder.</summary>
    public string? Weight { get; init; }

    /// <summary>default, dark, light, accent, good, warning, attention.</summary>
    public string? Color { get; init; }

    public bool IsSubtle { get; init; }

    /// <summary>heading or default (accessibility: screen readers announce headings).</summary>
    public string? Style { get; init; }

    public override JsonObject ToJson()
    {
        var json = Base("TextBlock");
        json["text"] = Text;
        json["wrap"] = Wrap;
        Set(json, "size", Size);
        Set(json, "weight", Weight);
        Set(json, "color", Color);
        Set(json, "style", Style);
        if (IsSubtle)
        {
            json["isSubtle"] = true;
        }

        return json;
    }

    private static void Set(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}

public sealed record Fact(string Title, string Value);

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement
{
    public override JsonObject ToJson()
    {
        var json = Base("FactSet");
        json["facts"] = new JsonArray([.. Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]);
        return json;
    }
}

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    /// <summary>default, emphasis, good, attention, warning, accent.</summary>
    public string? Style { get; init; }

    public override JsonObject ToJson()
    {
        var json = Base("Container");
        json["items"] = new JsonArray([.. Items.Select(i => (JsonNode)i.ToJson())]);
        if (Style is not null)
        {
            json["style"] = Style;
        }

        return json;
    }
}

public sealed record Column(IReadOnlyList<CardElement> Items, string Width = "stretch")
{
    public JsonObject ToJson() => new()
    {
        ["type"] = "Column",
        ["width"] = Width,
        ["items"] = new JsonArray([.. Items.Select(i => (JsonNode)i.ToJson())]),
    };
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement
{
    public override JsonObject ToJson()
    {
        var json = Base("ColumnSet");
        json["columns"] = new JsonArray([.. Columns.Select(c => (JsonNode)c.ToJson())]);
        return json;
    }
}

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement
{
    public override JsonObject ToJson()
    {
        var json = Base("ActionSet");
        json["actions"] = new JsonArray([.. Actions.Select(a => (JsonNode)a.ToJson())]);
        return json;
    }
}
