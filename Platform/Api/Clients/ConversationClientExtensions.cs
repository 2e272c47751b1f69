namespace StuyfBot.Platform.Api.Clients;

public static class ConversationClientExtensions
{
    /// <summary>The page size Teams recommends for pagedmembers (it allows at most 500).</summary>
    public const int DefaultMembersPageSize = 100;

    /// <summary>All members of a conversation, following the continuation tokens page by page.</summary>
    public static Task<IReadOnlyList<Account>> GetAllMembersAsync(this IConversationClient client, string serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        GetAllMembersAsync(client, serviceUrl, conversationId, DefaultMembersPageSize, cancellationToken);

    /// <summary>All members of a conversation, following the continuation tokens page by page.</summary>
    public static async Task<IReadOnlyList<Account>> GetAllMembersAsync(
        this IConversationClient client,
        string serviceUrl,
        string conversationId,
        int pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var members = new List<Account>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? continuationToken = null;
        do
        {
            var page = await client.GetPagedMembersAsync(serviceUrl, conversationId, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
            members.AddRange(page.Members);
            continuationToken = page.ContinuationToken;

            // A connector that hands out the same token twice would otherwise keep us here forever.
            if (continuationToken is not null && !seen.Add(continuationToken))
            {
                throw new ConnectorException(ConnectorOperations.GetConversationPagedMembers, null, "The connector repeated a continuation token of pagedmembers.");
            }
        }
        while (continuationToken is not null);

        return members;
    }
}
