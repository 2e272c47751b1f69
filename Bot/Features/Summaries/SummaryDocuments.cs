using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Dialogs.Summaries;
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

    public static DocumentKind<SummaryDelivery> DeliveryKind { get; } =
        new("summary-delivery", 1, SummaryJsonContext.Default.SummaryDelivery);
}

public enum DeliveryState
{
    /// <summary>An instance is sending it now (until <see cref="SummaryDelivery.LeaseUntil"/>; after that another may take over).</summary>
    Sending,

    /// <summary>It went out.</summary>
    Sent,

    /// <summary>Teams refused it for good (the person blocked the bot, the conversation is gone): not tried again.</summary>
    Undeliverable,
}

/// <summary>
/// Whether one output of a summary (the group's card, one pitcher's recap) went out. Created
/// create-only before sending, so only one sender gets to send it; replaced by
/// <see cref="DeliveryState.Sent"/> after. A sender that died leaves <see cref="DeliveryState.Sending"/>,
/// which another run takes over once the lease is past.
/// </summary>
public sealed record SummaryDelivery(DeliveryState State, DateTimeOffset Since, DateTimeOffset? LeaseUntil, string? ActivityId = null)
{
    /// <summary>What a run may do with an output, given its delivery record as stored (null: none yet).</summary>
    public static (SummaryDelivery? State, DeliveryClaim Result) Claim(SummaryDelivery? stored, DateTimeOffset now, TimeSpan lease)
    {
        var sending = new SummaryDelivery(DeliveryState.Sending, now, now + lease);
        return stored switch
        {
            null => (sending, DeliveryClaim.Claimed),
            { State: DeliveryState.Sending, LeaseUntil: { } until } when until <= now => (sending, DeliveryClaim.TakenOver),
            { State: DeliveryState.Sending } => (stored, DeliveryClaim.InProgress),
            _ => (stored, DeliveryClaim.Done),
        };
    }
}

public enum DeliveryClaim
{
    /// <summary>Nobody had sent it: this run sends it.</summary>
    Claimed,

    /// <summary>A run that started sending it died (its lease is past): this run sends it.</summary>
    TakenOver,

    /// <summary>Another run is sending it now.</summary>
    InProgress,

    /// <summary>It went out (or cannot) before.</summary>
    Done,
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionSummary))]
[JsonSerializable(typeof(SummaryDelivery))]
public sealed partial class SummaryJsonContext : JsonSerializerContext;
