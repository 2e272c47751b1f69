namespace StuyfBot.Platform.Api.Clients;

/// <summary>The connector operations by their Bot Framework REST names (for errors and logs).</summary>
public static class ConnectorOperations
{
    public const string SendToConversation = nameof(SendToConversation);
    public const string ReplyToActivity = nameof(ReplyToActivity);
    public const string UpdateActivity = nameof(UpdateActivity);
    public const string DeleteActivity = nameof(DeleteActivity);
    public const string GetConversationPagedMembers = nameof(GetConversationPagedMembers);
    public const string CreateConversation = nameof(CreateConversation);

    /// <summary>Carries the operation name on the request to the handlers, for their logs.</summary>
    public static readonly HttpRequestOptionsKey<string> Key = new("StuyfBot.ConnectorOperation");

    public static string Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Key, out var operation) ? operation : request.Method.Method;
    }
}
