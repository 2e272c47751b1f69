using System.Text.Json.Nodes;
using StuyfBot.Cards.Sessions;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Infrastructure;

/// <summary>
/// Reading the bot's Adaptive Cards as a person does (facts, texts, buttons), and pressing a
/// button as Teams does: the button's data with the values typed into the inputs of its card.
/// </summary>
public static class CardReading
{
    /// <summary>Every fact under <paramref name="node"/> (title: value), as a person reads them.</summary>
    public static Dictionary<string, string> Facts(JsonNode node) =>
        Nodes(node).Where(n => (string?)n["type"] == "FactSet")
            .SelectMany(n => n["facts"]!.AsArray())
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);

    /// <summary>Every text block and button title under <paramref name="node"/>.</summary>
    public static List<string> Texts(JsonNode node) =>
        [.. Nodes(node).Select(n => (string?)n["text"] ?? (IsAction(n) ? (string?)n["title"] : null)).OfType<string>()];

    /// <summary>The verbs of the card's buttons (not its refresh).</summary>
    public static List<string> Verbs(JsonNode card) =>
        [.. Nodes(card).Where(n => n != card["refresh"]?["action"] && n["verb"] is not null).Select(n => (string)n["verb"]!)];

    /// <summary>The containers (and the card itself) whose own texts include <paramref name="text"/>.</summary>
    public static JsonObject Container(JsonNode card, string text) =>
        Nodes(card).Where(n => (string?)n["type"] == "Container").LastOrDefault(c => Texts(c).Contains(text))
            ?? throw new Xunit.Sdk.XunitException($"No container with \"{text}\" in {card.ToJsonString()}");

    public static string SessionIdIn(JsonNode card) => DataIn(card, SessionVerbs.SessionIdKey);

    /// <summary>The first value under <paramref name="key"/> in the data of the card's buttons.</summary>
    public static string DataIn(JsonNode card, string key) =>
        Nodes(card).Select(n => n["data"]?[key]).OfType<JsonValue>().Select(v => v.GetValue<string>()).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"No \"{key}\" in the data of {card.ToJsonString()}");

    /// <summary>Every string in the JSON, unescaped, one per line (ToJsonString escapes "·" and accents).</summary>
    public static string Strings(JsonNode? node) => node switch
    {
        JsonObject o => string.Join('\n', o.Select(p => Strings(p.Value))),
        JsonArray a => string.Join('\n', a.Select(Strings)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => string.Empty,
    };

    /// <summary>The ids the bot @mentioned in a message, as the playground shows it.</summary>
    public static List<string> Mentioned(PlaygroundMessage message) =>
        [.. (message.Raw["message"]?["mentions"] as JsonArray ?? []).Select(m => (string)m!["mentioned"]!["id"]!)];

    /// <summary>
    /// What Teams sends when a person fills in the inputs of the card (or show-card form) that
    /// holds the button with <paramref name="verb"/> and presses it: the button's data and the
    /// typed values. Each input must be on that form; a choice must be one the form offers.
    /// </summary>
    public static JsonObject Fill(JsonNode card, string verb, params (string Input, string Value)[] typed) =>
        Fill(card, b => (string?)b["verb"] == verb, $"with the verb {verb}", typed);

    /// <summary>As <see cref="Fill(JsonNode, string, ValueTuple{string, string}[])"/>, for the button with this title (several share a verb).</summary>
    public static JsonObject FillTitled(JsonNode card, string title, params (string Input, string Value)[] typed) =>
        Fill(card, b => (string?)b["title"] == title, $"\"{title}\"", typed);

    private static JsonObject Fill(JsonNode card, Func<JsonObject, bool> isButton, string describe, (string Input, string Value)[] typed)
    {
        var (form, button) = Forms(card)
            .SelectMany(f => OwnNodes(f).Where(n => IsAction(n) && n["verb"] is not null && n != card["refresh"]?["action"] && isButton(n)).Select(b => (Form: f, Button: b)))
            .FirstOrDefault();
        if (button is null)
        {
            throw new Xunit.Sdk.XunitException($"No button {describe} in {card.ToJsonString()}");
        }

        var data = button["data"]?.DeepClone() as JsonObject ?? [];
        foreach (var (input, value) in typed)
        {
            var field = OwnNodes(form).FirstOrDefault(n => (string?)n["id"] == input && ((string?)n["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
                ?? throw new Xunit.Sdk.XunitException($"No input {input} next to the button {describe} in {form.ToJsonString()}");
            if (field["choices"] is JsonArray choices)
            {
                Assert.Contains(value, choices.Select(c => (string?)c!["value"]));
            }

            data[input] = value;
        }

        return data;
    }

    /// <summary>The choices (title: value) of an input under <paramref name="node"/>.</summary>
    public static Dictionary<string, string> Choices(JsonNode node, string input) =>
        (Nodes(node).First(n => (string?)n["id"] == input)["choices"] as JsonArray ?? [])
            .ToDictionary(c => (string)c!["title"]!, c => (string)c!["value"]!);

    public static IEnumerable<JsonObject> Nodes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.SelectMany(p => Nodes(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(Nodes))
                {
                    yield return child;
                }

                break;
        }
    }

    private static bool IsAction(JsonObject node) => ((string?)node["type"])?.StartsWith("Action.", StringComparison.Ordinal) == true;

    /// <summary>The card and every show-card form in it: each is a form of its own in Teams.</summary>
    private static IEnumerable<JsonObject> Forms(JsonNode node)
    {
        if (node is not JsonObject card)
        {
            yield break;
        }

        yield return card;
        foreach (var nested in Nodes(card).Where(n => n != card && (string?)n["type"] == "AdaptiveCard"))
        {
            yield return nested;
        }
    }

    /// <summary>The nodes of a form, without those of the show-card forms inside it.</summary>
    private static IEnumerable<JsonObject> OwnNodes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (key, value) in o)
                {
                    if (key == "card" && (string?)o["type"] == "Action.ShowCard")
                    {
                        continue;
                    }

                    foreach (var child in OwnNodes(value))
                    {
                        yield return child;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(OwnNodes))
                {
                    yield return child;
                }

                break;
        }
    }
}
