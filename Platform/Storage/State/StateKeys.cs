using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// The platform's blob layout; the session kernel's keys are in <c>SessionKeys</c> (Bot/Kernel) and
/// the summaries' in <c>SummaryKeys</c> (Bot/Features/Summaries), made with <see cref="Segment"/>.
/// Keys are URL-safe and carry no names, e-mail addresses or raw Teams/Entra ids: people are keyed
/// by a <see cref="KeyedHash"/>.
/// <code>
/// people/{tenantHash}/{userHash}.json       a person's 1:1 conversation reference
/// reminders/{yyyy-MM-dd}/{HHmmss}-{id}.json due reminders, listed in time order
/// reminder-claims/{yyyy-MM-dd}/{HHmmss}-{id}.json  who fires a reminder, then how it ended
/// system/hash-secret.json                   the keyed-hash secret
/// </code>
/// </summary>
public static class StateKeys
{
    public const string HashSecret = "system/hash-secret.json";

    public const string PeoplePrefix = "people/";
    public const string RemindersPrefix = "reminders/";
    public const string ReminderClaimsPrefix = "reminder-claims/";

    public static string Person(KeyedHash hash, string? tenantId, string userId)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return $"{People(hash, tenantId)}{hash.Of("user\n" + tenantId + "\n" + userId)}.json";
    }

    /// <summary>The listing prefix of one tenant's people.</summary>
    public static string People(KeyedHash hash, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return $"{PeoplePrefix}{hash.Of("tenant\n" + tenantId)}/";
    }

    /// <summary>A reminder key: listing <see cref="RemindersPrefix"/> returns reminders in due-time order.</summary>
    public static string Reminder(DateTimeOffset due, string reminderId) => ReminderKey(RemindersPrefix, due, reminderId);

    /// <summary>The claim of a reminder (created once, by whoever fires it first), in the same order.</summary>
    public static string ReminderClaim(DateTimeOffset due, string reminderId) => ReminderKey(ReminderClaimsPrefix, due, reminderId);

    /// <summary>
    /// The due time (to the second, UTC) and id in a <see cref="Reminder"/> or
    /// <see cref="ReminderClaim"/> key; false for any other key.
    /// </summary>
    public static bool TryParseReminder(string key, out DateTimeOffset dueSecond, out string reminderId)
    {
        ArgumentNullException.ThrowIfNull(key);
        dueSecond = default;
        reminderId = string.Empty;
        var prefix = key.StartsWith(RemindersPrefix, StringComparison.Ordinal) ? RemindersPrefix
            : key.StartsWith(ReminderClaimsPrefix, StringComparison.Ordinal) ? ReminderClaimsPrefix
            : null;
        const int Stamp = 17; // yyyy-MM-dd/HHmmss
        if (prefix is null || key.Length <= prefix.Length + Stamp + ".json".Length + 1
            || key[prefix.Length + Stamp] != '-' || !key.EndsWith(".json", StringComparison.Ordinal)
            || !DateTime.TryParseExact(key.AsSpan(prefix.Length, Stamp), "yyyy-MM-dd'/'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return false;
        }

        var id = key[(prefix.Length + Stamp + 1)..^".json".Length];
        if (!DocumentKey.IsValidSegment(id))
        {
            return false;
        }

        dueSecond = new DateTimeOffset(utc, TimeSpan.Zero);
        reminderId = id;
        return true;
    }

    /// <summary>The listing prefix of the reminders due on one (UTC) day.</summary>
    public static string RemindersDueOn(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{RemindersPrefix}{day:yyyy-MM-dd}/");

    /// <summary>
    /// The item id of the record made from an inbound activity, so a redelivery finds it. Ids
    /// that are safe key segments stay readable (Teams message ids are timestamps); others, and
    /// any containing '~', become '~' and a SHA-256 prefix. <paramref name="part"/> tells apart
    /// several records made from one activity.
    /// </summary>
    public static string ItemId(string activityId, string? part = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var id = activityId.Length <= 96 && DocumentKey.IsValidSegment(activityId) && !activityId.Contains('~', StringComparison.Ordinal)
            ? activityId
            : "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(activityId)).AsSpan(0, 16));
        if (part is null)
        {
            return id;
        }

        if (part.Length is 0 or > 24 || !part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException("A record part is 1-24 of a-z, 0-9, '-'.", nameof(part));
        }

        return id + "~" + part;
    }

    private static string ReminderKey(string prefix, DateTimeOffset due, string reminderId)
    {
        var utc = due.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{utc:yyyy-MM-dd}/{utc:HHmmss}-{Segment(reminderId)}.json");
    }

    /// <summary>A key segment as it is, or an exception when it cannot be one (keys are made, never parsed from input).</summary>
    public static string Segment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DocumentKey.IsValidSegment(value)
            ? value
            : throw new ArgumentException($"'{value}' cannot be a key segment: use 1-128 letters, digits, '-', '_', '.', '~', not starting with '.'.", nameof(value));
    }
}
