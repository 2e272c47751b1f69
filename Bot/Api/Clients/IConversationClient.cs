namespace StuyfBot.Bot.Api.Clients;

/// <summary>
/// The Bot Connector conversations API the bot uses (named after the Teams SDK's ConversationClient).
/// Every call takes the serviceUrl of the conversation, because Teams routes per region.
/// </summary>
public interface IConversationClient
{
    /// <summary>Posts a new activity to a conversation (POST v3/conversations/{id}/activities).</summary>
    Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Replies to an activity (POST v3/conversations/{id}/activities/{activityId}).</summary>
    Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces a posted activity, e.g. a card (PUT v3/conversations/{id}/activities/{activityId}).</summary>
    Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Deletes a posted activity (DELETE v3/conversations/{id}/activities/{activityId}).</summary>
    Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>One page of the conversation's members (GET v3/conversations/{id}/pagedmembers).</summary>
    Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Creates (or finds) a conversation, e.g. a 1:1 chat with a user (POST v3/conversations).</summary>
    Task<ConversationResourceResponse> CreateAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);
}

public sealed record PagedMembersResult(IReadOnlyList<Account> Members, string? ContinuationToken);

public sealed record ConversationParameters(
    bool IsGroup,
    Account? Bot,
    IReadOnlyList<Account> Members,
    string? TenantId,
    ChannelData? ChannelData,
    Activity? Activity = null);

public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);
