using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// How a summary is stored for machines: the usual document envelope
/// (<c>{"schemaVersion":1,"kind":"session-summary","data":{...}}</c>) around the
/// <see cref="SessionSummary"/>, camelCase, enums as strings, empty values left out. The envelope's
/// version is <see cref="SessionSummary.CurrentSchemaVersion"/>, so a reader sees at the top which
/// shape the data has, and this bot refuses a summary written by a newer one.
/// </summary>
public static class SummaryDocuments
{
    public static DocumentKind<SessionSummary> Kind { get; } =
        new("session-summary", SessionSummary.CurrentSchemaVersion, SummaryJsonContext.Default.SessionSummary);

    /// <summary>The delivery records of the card and the recaps, under the name they were first stored with.</summary>
    public static DocumentKind<DeliveryRecord> DeliveryKind { get; } = DeliveryRecord.KindNamed("summary-delivery");
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionSummary))]
public sealed partial class SummaryJsonContext : JsonSerializerContext;
