using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Delivery;

public enum DeliveryState
{
    /// <summary>An instance is sending it now (until <see cref="DeliveryRecord.LeaseUntil"/>; after that another may take over).</summary>
    Sending,

    /// <summary>It went out.</summary>
    Sent,

    /// <summary>Teams refused it for good (the person blocked the bot, the conversation is gone): not tried again.</summary>
    Undeliverable,
}

/// <summary>
/// Whether one message went out. Created create-only before sending, so only one sender gets to
/// send it; replaced by <see cref="DeliveryState.Sent"/> after. A sender that died leaves
/// <see cref="DeliveryState.Sending"/>, which another run takes over once the lease is past.
/// </summary>
public sealed record DeliveryRecord(DeliveryState State, DateTimeOffset Since, DateTimeOffset? LeaseUntil, string? ActivityId = null)
{
    /// <summary>The records of messages that have no older name of their own.</summary>
    public static DocumentKind<DeliveryRecord> Kind { get; } = KindNamed("delivery");

    /// <summary>
    /// The document kind under another name: a feature whose records were stored before the
    /// outbox was shared keeps reading them under the name they were written with.
    /// </summary>
    public static DocumentKind<DeliveryRecord> KindNamed(string name) => new(name, 1, DeliveryJsonContext.Default.DeliveryRecord);

    /// <summary>What a run may do with a message, given its delivery record as stored (null: none yet).</summary>
    public static (DeliveryRecord? State, DeliveryClaim Result) Claim(DeliveryRecord? stored, DateTimeOffset now, TimeSpan lease)
    {
        var sending = new DeliveryRecord(DeliveryState.Sending, now, now + lease);
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
[JsonSerializable(typeof(DeliveryRecord))]
public sealed partial class DeliveryJsonContext : JsonSerializerContext;
