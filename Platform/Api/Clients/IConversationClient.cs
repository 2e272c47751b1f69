namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// The Bot Connector conversations API the bot uses (named after the Teams SDK's ConversationClient).
/// Every call takes the serviceUrl of the conversation, because Teams routes per region.
/// Calls that write activities wait for room in Teams' per-conversation rate limits; a failed
/// call throws <see cref="ConnectorException"/>.
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

    /// <summary>
    /// One page of the conversation's members (GET v3/conversations/{id}/pagedmembers).
    /// ConversationClientExtensions.GetAllMembersAsync walks all pages.
    /// </summary>
    Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Creates (or finds) a conversation, e.g. a 1:1 chat with a user (POST v3/conversations).</summary>
    Task<ConversationResourceResponse> CreateAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);
}

/// <summary>A page of members; a null continuation token means this was the last page.</summary>
public sealed record PagedMembersResult(IReadOnlyList<Account> Members, string? ContinuationToken);

/// <summary>The body of POST v3/conversations.</summary>
public sealed record ConversationParameters(
    bool IsGroup,
    Account? Bot,
    IReadOnlyList<Account> Members,
    string? TenantId,
    ChannelData? ChannelData,
    Activity? Activity = null)
{
    /// <summary>
    /// A 1:1 chat between the bot and one user of the tenant. Teams reads the tenant from
    /// channelData as well as from tenantId, so both are set.
    /// </summary>
    public static ConversationParameters Personal(Account bot, Account user, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return new ConversationParameters(
            IsGroup: false,
            Bot: bot,
            Members: [user],
            TenantId: tenantId,
            ChannelData: new ChannelData { Tenant = new TenantInfo { Id = tenantId } });
    }
}

/// <summary>The connector's answer to POST v3/conversations.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>The body of a connector error answer: { "error": { "code", "message" } }.</summary>
public sealed record ConnectorErrorResponse(ConnectorError? Error);

public sealed record ConnectorError(string? Code, string? Message);
