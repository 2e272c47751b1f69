using System.Text.Json.Nodes;

namespace StuyfBot.Cards.Tests.Sessions;

/// <summary>Reads a rendered card's JSON the way a client would: its buttons, inputs and texts.</summary>
internal static class CardJson
{
    /// <summary>One Action.Execute: its verb, data, and the inputs of the card or form it sits in (if any).</summary>
    public sealed record Button(string Title, string Verb, IReadOnlyDictionary<string, string> Data, IReadOnlyList<JsonObject> FormInputs);

    public static List<Button> Buttons(JsonObject card)
    {
        var buttons = new List<Button>();
        Walk(card, [], buttons);
        return buttons;
    }

    public static List<string> Verbs(JsonObject card) => [.. Buttons(card).Select(b => b.Verb)];

    /// <summary>Every text a reader sees: text blocks, fact titles and values, button titles, choices.</summary>
    public static string AllText(JsonObject card) => string.Join("\n", Texts(card));

    public static List<JsonObject> Elements(JsonNode node, string type)
    {
        var found = new List<JsonObject>();
        Collect(node, type, found);
        return found;
    }

    private static void Walk(JsonNode? node, IReadOnlyList<JsonObject> formInputs, List<Button> buttons)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, formInputs, buttons);
                }

                break;
            case JsonObject obj when obj["type"]?.GetValue<string>() == "AdaptiveCard" && formInputs.Count == 0:
                // A card (or a form shown by Action.ShowCard) sends its own inputs with its buttons.
                var inputs = OwnInputs(obj["body"]).ToList();
                Walk(obj["body"], inputs, buttons);
                Walk(obj["actions"], inputs, buttons);
                break;
            case JsonObject obj when obj["type"]?.GetValue<string>() == "Action.ShowCard":
                Walk(obj["card"], [], buttons);
                break;
            case JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Execute":
                var data = obj["data"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
                buttons.Add(new Button(obj["title"]!.GetValue<string>(), obj["verb"]!.GetValue<string>(), data, formInputs));
                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key != "refresh")
                    {
                        Walk(value, formInputs, buttons);
                    }
                }

                break;
        }
    }

    /// <summary>The inputs of a card's body, not those of the forms its Action.ShowCard buttons hold.</summary>
    private static IEnumerable<JsonObject> OwnInputs(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(OwnInputs),
        JsonObject obj when obj["type"]?.GetValue<string>() == "Action.ShowCard" => [],
        JsonObject obj when obj["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true => [obj],
        JsonObject obj => obj.SelectMany(p => OwnInputs(p.Value)),
        _ => [],
    };

    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return array.SelectMany(Texts);
            case JsonObject obj:
                var own = new[] { "text", "title", "value" }
                    .Where(k => obj[k] is JsonValue v && v.TryGetValue<string>(out _))
                    .Select(k => obj[k]!.GetValue<string>());
                return own.Concat(obj.Where(p => p.Key != "refresh").SelectMany(p => Texts(p.Value)));
            default:
                return [];
        }
    }

    private static void Collect(JsonNode? node, string type, List<JsonObject> found)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, type, found);
                }

                break;
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == type)
                {
                    found.Add(obj);
                }

                foreach (var (_, value) in obj)
                {
                    Collect(value, type, found);
                }

                break;
        }
    }
}
