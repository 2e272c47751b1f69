using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StuyfBot.Platform.Api;

/// <summary>
/// What the bot answers to an invoke: the HTTP status and the body. For
/// <c>adaptiveCard/action</c> the body is <c>{statusCode, type, value}</c>
/// (Universal Actions).
/// </summary>
public sealed record InvokeResponse(int Status, AdaptiveCardActionResponse? Body = null)
{
    public static InvokeResponse Card(JsonObject card) =>
        new(200, new AdaptiveCardActionResponse(200, AdaptiveCardActionResponse.CardType, card));

    public static InvokeResponse Message(string text) =>
        new(200, new AdaptiveCardActionResponse(200, AdaptiveCardActionResponse.MessageType, JsonValue.Create(text)));

    public static InvokeResponse Error(int statusCode, string code, string message) =>
        new(200, new AdaptiveCardActionResponse(statusCode, AdaptiveCardActionResponse.ErrorType, new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
        }));
}

public sealed record AdaptiveCardActionResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonNode? Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";
}

/// <summary>The value of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }

    public string? Trigger { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Verb { get; set; }

    public JsonObject? Data { get; set; }
}
