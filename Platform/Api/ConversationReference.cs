namespace StuyfBot.Platform.Api;

/// <summary>What the bot needs to write to a conversation later (proactive messages).</summary>
public sealed record ConversationReference(
    string ServiceUrl,
    string ChannelId,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    Account? Bot,
    Account? User,
    string? Locale)
{
    public static ConversationReference From(Activity activity) => new(
        activity.ServiceUrl ?? string.Empty,
        activity.ChannelId ?? string.Empty,
        activity.Conversation?.Id ?? string.Empty,
        activity.Conversation?.ConversationType,
        activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id,
        activity.Recipient,
        activity.From,
        activity.Locale);

    /// <summary>
    /// A new activity addressed to this conversation. Only a personal chat names its person as the
    /// recipient: in a group the reference holds whoever acted last, and a post there (an
    /// anonymous pitch, say) must not carry that person's name.
    /// </summary>
    public Activity CreateActivity(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = new Conversation { Id = ConversationId, ConversationType = ConversationType, TenantId = TenantId },
        From = Bot,
        Recipient = ConversationType == ConversationTypes.Personal ? User : null,
        Locale = Locale,
        Text = text,
        TextFormat = text is null ? null : TextFormats.Markdown,
    };
}
