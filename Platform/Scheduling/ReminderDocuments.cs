using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Scheduling;

/// <summary>The stored forms of reminders and their claims.</summary>
internal static class ReminderDocuments
{
    /// <summary>A reminder document above this size is refused: payloads carry ids, not content.</summary>
    public const int MaxReminderBytes = 8 * 1024;

    public static DocumentKind<Reminder> Reminder { get; } = new("reminder", 1, ReminderJsonContext.Default.Reminder);

    public static DocumentKind<ReminderClaim> Claim { get; } = new("reminder-claim", 1, ReminderJsonContext.Default.ReminderClaim);

    /// <summary>
    /// True when the document was written by a newer version of the bot: during a rolling upgrade
    /// that instance handles it, so this one leaves it alone instead of parking it as unreadable.
    /// </summary>
    public static bool IsNewer<T>(DocumentKind<T> kind, ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out var version)
                && version.TryGetInt32(out var number)
                && number > kind.SchemaVersion;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The claim and its ETag; null when there is none or it is a newer version's.</summary>
    public static async Task<Versioned<ReminderClaim>?> ReadClaimAsync(IDocumentStore store, string key, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null || IsNewer(Claim, stored.Content))
        {
            return null;
        }

        return new Versioned<ReminderClaim>(Claim.Deserialize(key, stored.Content), stored.ETag);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Reminder))]
[JsonSerializable(typeof(ReminderClaim))]
internal sealed partial class ReminderJsonContext : JsonSerializerContext;
