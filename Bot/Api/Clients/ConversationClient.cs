namespace StuyfBot.Bot.Api.Clients;

/// <summary>The Bot Connector REST client over HttpClient.</summary>
public sealed class ConversationClient : IConversationClient
{
    private readonly HttpClient _http;

    public ConversationClient(HttpClient http) => _http = http;

    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        PostActivityAsync(HttpMethod.Post, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities"), activity, cancellationToken);

    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        PostActivityAsync(HttpMethod.Post, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}"), activity, cancellationToken);

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        PostActivityAsync(HttpMethod.Put, Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}"), activity, cancellationToken);

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}"), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Paged members arrive with the hardened connector client.");

    public Task<ConversationResourceResponse> CreateAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Creating conversations arrives with the hardened connector client.");

    private static Uri Url(string serviceUrl, string path) => new(serviceUrl.TrimEnd('/') + "/" + path);

    private async Task<ResourceResponse> PostActivityAsync(HttpMethod method, Uri url, Activity activity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(activity, ApiJsonContext.Default.Activity) };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength == 0)
        {
            return new ResourceResponse(null);
        }

        return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ResourceResponse, cancellationToken).ConfigureAwait(false) ?? new ResourceResponse(null);
    }
}
