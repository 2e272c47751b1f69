using System.Text.Json;
using System.Text.Json.Serialization;

namespace StuyfBot.Platform.Api;

/// <summary>
/// Source-generated JSON for the wire types: camelCase, nulls left out (the Bot Framework
/// wire format), no reflection on the hot path.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(AdaptiveCardActionResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(Clients.PagedMembersResult))]
[JsonSerializable(typeof(Clients.ConversationParameters))]
[JsonSerializable(typeof(Clients.ConversationResourceResponse))]
[JsonSerializable(typeof(Clients.ConnectorErrorResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>The connector's answer to a send: the id of the new activity.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>The body of an error answer: a short code and message, never a stack trace.</summary>
public sealed record ErrorBody(string Code, string Message);
