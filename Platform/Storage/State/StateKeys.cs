using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// The blob layout: every key the bot writes is made here. Keys are URL-safe and carry no names,
/// e-mail addresses or raw Teams/Entra ids: people are keyed by a <see cref="KeyedHash"/>.
/// <code>
/// sessions/{sessionId}/head.json            the session head (conditional replace)
/// sessions/{sessionId}/items/{itemId}.json  append-only records (create-only, by activity id)
/// sessions/{sessionId}/summary/{output}.json  whether the summary card / a recap went out (create-only claim)
/// summaries/{yyyy}/{MM}/{sessionId}.{json,md,html}               the group's summary
/// summaries/{yyyy}/{MM}/{sessionId}.facilitators.{json,md,html}  the facilitators' (for the coordinator)
/// people/{tenantHash}/{userHash}.json       a person's 1:1 conversation reference
/// reminders/{yyyy-MM-dd}/{HHmmss}-{id}.json due reminders, listed in time order
/// reminder-claims/{yyyy-MM-dd}/{HHmmss}-{id}.json  who fires a reminder, then how it ended
/// conversations/{conversationHash}/sessions.json  a conversation's current and recent sessions
/// conversations/planned/{tenantHash}.json   which conversations of a tenant have a planned session
/// system/hash-secret.json                   the keyed-hash secret
/// </code>
/// </summary>
public static class StateKeys
{
    public const string HashSecret = "system/hash-secret.json";

    public const string SessionsPrefix = "sessions/";
    public const string SummariesPrefix = "summaries/";
    public const string PeoplePrefix = "people/";
    public const string RemindersPrefix = "reminders/";
    public const string ReminderClaimsPrefix = "reminder-claims/";
    public const string ConversationsPrefix = "conversations/";

    /// <summary>What sets a facilitators' summary's name apart from the group's (before the extension).</summary>
    public const string FacilitatorsSuffix = ".facilitators";

    /// <summary>
    /// The sessions of one conversation (a Stuyfplek's chat or channel): the current session and
    /// the recent closed ones the role rotation learns from. One document, so "one open session
    /// per conversation" is decided under one ETag.
    /// </summary>
    public static string ConversationSessions(KeyedHash hash, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return $"{ConversationsPrefix}{hash.Of("conversation\n" + conversationId)}/sessions.json";
    }

    /// <summary>
    /// The index of a tenant's conversations with a planned session, so a person who asks for the
    /// pitch card in a 1:1 chat finds the groups to check (docs/pitches.md). "planned" is no hash
    /// (those are 32 hex digits), so it never meets a conversation's folder.
    /// </summary>
    public static string PlannedSessions(KeyedHash hash, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return $"{ConversationsPrefix}planned/{hash.Of("tenant\n" + tenantId)}.json";
    }

    public static string SessionHead(string sessionId) => $"{SessionsPrefix}{Segment(sessionId)}/head.json";

    public static string SessionItem(string sessionId, string itemId) => $"{SessionItems(sessionId)}{Segment(itemId)}.json";

    /// <summary>The listing prefix of a session's records.</summary>
    public static string SessionItems(string sessionId) => $"{SessionsPrefix}{Segment(sessionId)}/items/";

    public static string Summary(string sessionId, DateTimeOffset heldOn, SummaryFormat format)
    {
        var utc = heldOn.UtcDateTime;
        var extension = format switch
        {
            SummaryFormat.Json => "json",
            SummaryFormat.Markdown => "md",
            SummaryFormat.Html => "html",
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{SummariesPrefix}{utc:yyyy}/{utc:MM}/{Segment(sessionId)}.{extension}");
    }

    /// <summary>
    /// The facilitators' summary (with the facilitators-only pitches), next to the group's: what
    /// the coordinator lists and opens. Never posted in a group.
    /// </summary>
    public static string FacilitatorsSummary(string sessionId, DateTimeOffset heldOn, SummaryFormat format)
    {
        var group = Summary(sessionId, heldOn, format);
        var dot = group.LastIndexOf('.');
        return string.Concat(group.AsSpan(0, dot), FacilitatorsSuffix, group.AsSpan(dot));
    }

    /// <summary>The listing prefix of the summaries of sessions held in one month (UTC).</summary>
    public static string SummariesOf(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{SummariesPrefix}{year:D4}/{month:D2}/");

    /// <summary>
    /// The record that one output of a closed session's summary (the group card, one recap) went
    /// out or is going out: created before sending, so it goes out once.
    /// </summary>
    public static string SummaryDelivery(string sessionId, string output) => $"{SessionsPrefix}{Segment(sessionId)}/summary/{Segment(output)}.json";

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

    private static string Segment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return DocumentKey.IsValidSegment(value)
            ? value
            : throw new ArgumentException($"'{value}' cannot be a key segment: use 1-128 letters, digits, '-', '_', '.', '~', not starting with '.'.", nameof(value));
    }
}

public enum SummaryFormat
{
    Json,
    Markdown,
    Html,
}
