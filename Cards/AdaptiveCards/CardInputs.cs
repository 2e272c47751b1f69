using System.Text.Json.Nodes;

namespace StuyfBot.Cards.AdaptiveCards;

public abstract record CardInput(string InputId) : CardElement
{
    public string? Label { get; init; }

    public bool IsRequired { get; init; }

    public string? ErrorMessage { get; init; }

    protected JsonObject InputBase(string type)
    {
        var json = Base(type);
        json["id"] = InputId;
        if (Label is not null)
        {
            json["label"] = Label;
        }

        if (IsRequired)
        {
            json["isRequired"] = true;
        }

        if (ErrorMessage is not null)
        {
            json["errorMessage"] = ErrorMessage;
        }

        return json;
    }
}

public sealed record TextInput(string InputId) : CardInput(InputId)
{
    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public bool IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public override JsonObject ToJson()
    {
        var json = InputBase("Input.Text");
        if (Placeholder is not null)
        {
            json["placeholder"] = Placeholder;
        }

        if (Value is not null)
        {
            json["value"] = Value;
        }

        if (IsMultiline)
        {
            json["isMultiline"] = true;
        }

        if (MaxLength is { } max)
        {
            json["maxLength"] = max;
        }

        return json;
    }
}

public sealed record Choice(string Title, string Value);

public sealed record ChoiceSetInput(string InputId, IReadOnlyList<Choice> Choices) : CardInput(InputId)
{
    public string? Value { get; init; }

    /// <summary>compact or expanded.</summary>
    public string Style { get; init; } = "expanded";

    public bool IsMultiSelect { get; init; }

    public override JsonObject ToJson()
    {
        var json = InputBase("Input.ChoiceSet");
        json["style"] = Style;
        json["isMultiSelect"] = IsMultiSelect;
        json["choices"] = new JsonArray([.. Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
        if (Value is not null)
        {
            json["value"] = Value;
        }

        return json;
    }
}

public sealed record DateInput(string InputId) : CardInput(InputId)
{
    public string? Value { get; init; }

    public override JsonObject ToJson()
    {
        var json = InputBase("Input.Date");
        if (Value is not null)
        {
            json["value"] = Value;
        }

        return json;
    }
}

public sealed record TimeInput(string InputId) : CardInput(InputId)
{
    public string? Value { get; init; }

    public override JsonObject ToJson()
    {
        var json = InputBase("Input.Time");
        if (Value is not null)
        {
            json["value"] = Value;
        }

        return json;
    }
}
