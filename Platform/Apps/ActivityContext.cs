using System.Globalization;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Platform.Apps;

/// <summary>
/// One turn: the inbound activity, the reader's culture, and the ways to answer
/// (named after the Teams SDK's activity context: Send, Reply, Update).
/// </summary>
public sealed class ActivityContext
{
    private readonly IConversationClient _conversations;

    public ActivityContext(Activity activity, CultureInfo culture, IConversationClient conversations, CancellationToken cancellationToken)
    {
        Activity = activity;
        Culture = culture;
        _conversations = conversations;
        CancellationToken = cancellationToken;
    }

    public Activity Activity { get; }

    /// <summary>The reader's culture: nl-BE unless the activity's locale is English.</summary>
    public CultureInfo Culture { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The conversation this turn happens in, to write to it later.</summary>
    public ConversationReference Ref => ConversationReference.From(Activity);

    /// <summary>The bot's own account in this conversation.</summary>
    public Account? Bot => Activity.Recipient;

    public bool IsPersonal =>
        string.Equals(Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase)
        || (Activity.Conversation?.ConversationType is null && Activity.Conversation?.IsGroup != true);

    /// <summary>The message text without the bot's own @mention.</summary>
    public string Command => Activity.TextWithoutMentionOf(Bot?.Id);

    /// <summary>Posts a new activity into this conversation.</summary>
    public Task<ResourceResponse> Send(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Address(activity);
        return _conversations.SendAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, activity, CancellationToken);
    }

    public Task<ResourceResponse> Send(string text) =>
        Send(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormats.Markdown });

    /// <summary>Replies to the inbound activity (threaded where the channel threads).</summary>
    public Task<ResourceResponse> Reply(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Address(activity);
        activity.ReplyToId = Activity.Id;
        return string.IsNullOrEmpty(Activity.Id)
            ? _conversations.SendAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, activity, CancellationToken)
            : _conversations.ReplyAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, Activity.Id, activity, CancellationToken);
    }

    public Task<ResourceResponse> Reply(string text) => Reply(Activity.CreateReply(text));

    /// <summary>Replaces an activity the bot posted earlier in this conversation (a live card).</summary>
    public Task<ResourceResponse> Update(string activityId, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Address(activity);
        activity.Id = activityId;
        return _conversations.UpdateAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, activityId, activity, CancellationToken);
    }

    private void Address(Activity activity)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId ??= Activity.ChannelId;
        activity.ServiceUrl ??= Activity.ServiceUrl;
        activity.Conversation ??= Activity.Conversation;
        activity.From ??= Activity.Recipient;
        activity.Recipient ??= Activity.From;
        activity.Locale ??= Activity.Locale;
    }
}
