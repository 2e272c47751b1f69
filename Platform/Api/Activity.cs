using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StuyfBot.Platform.Api;

/// <summary>
/// A Bot Framework / Teams activity: every field the bot reads or writes. Fields it does not
/// model are kept in <see cref="Properties"/> so nothing a channel sends is lost on the way.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public DateTimeOffset? LocalTimestamp { get; set; }

    public string? LocalTimezone { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public Account? From { get; set; }

    public Conversation? Conversation { get; set; }

    public Account? Recipient { get; set; }

    public string? Text { get; set; }

    public string? TextFormat { get; set; }

    public string? Summary { get; set; }

    public string? Locale { get; set; }

    public string? InputHint { get; set; }

    public string? AttachmentLayout { get; set; }

    public IList<Attachment>? Attachments { get; set; }

    public JsonElement? Value { get; set; }

    public string? Name { get; set; }

    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    public IList<Entity>? Entities { get; set; }

    public ChannelData? ChannelData { get; set; }

    public IList<Account>? MembersAdded { get; set; }

    public IList<Account>? MembersRemoved { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The mentions in this activity (entities of type "mention").</summary>
    public IEnumerable<Entity> Mentions =>
        Entities?.Where(e => string.Equals(e.Type, EntityTypes.Mention, StringComparison.OrdinalIgnoreCase)) ?? [];

    /// <summary>True when the activity mentions the given account (the bot, usually).</summary>
    public bool IsMentioned(string? accountId) =>
        accountId is not null && Mentions.Any(m => string.Equals(m.Mentioned?.Id, accountId, StringComparison.Ordinal));

    /// <summary>
    /// The text with the <c>&lt;at&gt;..&lt;/at&gt;</c> mention of the given account removed, trimmed.
    /// Teams puts the mention text into the message text; commands are read without it.
    /// </summary>
    public string TextWithoutMentionOf(string? accountId)
    {
        var text = Text ?? string.Empty;
        if (accountId is not null)
        {
            foreach (var mention in Mentions.Where(m => m.Mentioned?.Id == accountId && !string.IsNullOrEmpty(m.Text)))
            {
                text = text.Replace(mention.Text!, string.Empty, StringComparison.Ordinal);
            }
        }

        return text.Trim();
    }

    /// <summary>Creates the reply skeleton: same conversation, from and recipient swapped, replyToId set.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        TextFormat = text is null ? null : TextFormats.Markdown,
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string MessageReaction = "messageReaction";
    public const string Typing = "typing";
}

public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

public static class EntityTypes
{
    public const string Mention = "mention";
    public const string ClientInfo = "clientInfo";
}

public static class EventNames
{
    public const string MeetingStart = "application/vnd.microsoft.meetingStart";
    public const string MeetingEnd = "application/vnd.microsoft.meetingEnd";
}

public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
}

public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}

/// <summary>A user or bot in a conversation (Bot Framework ChannelAccount).</summary>
public sealed class Account
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The conversation an activity belongs to (Bot Framework ConversationAccount).</summary>
public sealed class Conversation
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public bool? IsGroup { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonNode? Content { get; set; }

    public string? Name { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment AdaptiveCard(JsonObject card) => new() { ContentType = AdaptiveCardContentType, Content = card };
}

/// <summary>An entity: a mention, client info, or anything else a channel attaches.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    public Account? Mentioned { get; set; }

    public string? Text { get; set; }

    public string? Locale { get; set; }

    public string? Country { get; set; }

    public string? Platform { get; set; }

    public string? Timezone { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    public static Entity Mention(Account account) => new()
    {
        Type = EntityTypes.Mention,
        Mentioned = new Account { Id = account.Id, Name = account.Name },
        Text = $"<at>{account.Name}</at>",
    };
}

/// <summary>Teams channel data: tenant, team, channel, meeting and the event type.</summary>
public sealed class ChannelData
{
    public TenantInfo? Tenant { get; set; }

    public TeamInfo? Team { get; set; }

    public ChannelInfo? Channel { get; set; }

    public MeetingInfo? Meeting { get; set; }

    public string? EventType { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadGroupId { get; set; }
}

public sealed class ChannelInfo
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

public sealed class MeetingInfo
{
    public string? Id { get; set; }
}
