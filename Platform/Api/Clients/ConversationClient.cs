using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Identity;
using Polly.Timeout;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// The Bot Connector REST client over HttpClient. Ids go into the path URL-encoded (Teams ids
/// hold ':', ';', '@', '#'); bodies are source-generated JSON sent with a Content-Length.
/// Retries, the token and the connection pool live in the HttpClient's handlers; the
/// per-conversation rate limit is taken here, once per call, before the request is built.
/// </summary>
public sealed class ConversationClient : IConversationClient
{
    private const int MaxPageSize = 500;

    private readonly HttpClient _http;
    private readonly ConversationRateLimiter _rateLimiter;
    private readonly TimeProvider _time;

    public ConversationClient(HttpClient http, ConversationRateLimiter rateLimiter, TimeProvider time)
    {
        _http = http;
        _rateLimiter = rateLimiter;
        _time = time;
    }

    public async Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var url = ConnectorUrl.Build(serviceUrl, $"v3/conversations/{ConnectorUrl.Segment(conversationId)}/activities");
        const string operation = ConnectorOperations.SendToConversation;
        await WaitForRoomAsync(operation, conversationId, cancellationToken).ConfigureAwait(false);
        return await CallAsync(HttpMethod.Post, url, Json(activity, ApiJsonContext.Default.Activity), operation, ApiJsonContext.Default.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var url = ConnectorUrl.Build(serviceUrl, $"v3/conversations/{ConnectorUrl.Segment(conversationId)}/activities/{ConnectorUrl.Segment(replyToId)}");
        const string operation = ConnectorOperations.ReplyToActivity;
        await WaitForRoomAsync(operation, conversationId, cancellationToken).ConfigureAwait(false);
        return await CallAsync(HttpMethod.Post, url, Json(activity, ApiJsonContext.Default.Activity), operation, ApiJsonContext.Default.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var url = ConnectorUrl.Build(serviceUrl, $"v3/conversations/{ConnectorUrl.Segment(conversationId)}/activities/{ConnectorUrl.Segment(activityId)}");
        if (activity.Id is not null && !string.Equals(activity.Id, activityId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The activity's id differs from the id of the activity to update.", nameof(activity));
        }

        const string operation = ConnectorOperations.UpdateActivity;
        await WaitForRoomAsync(operation, conversationId, cancellationToken).ConfigureAwait(false);
        return await CallAsync(HttpMethod.Put, url, Json(activity, ApiJsonContext.Default.Activity), operation, ApiJsonContext.Default.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse(activityId);
    }

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var url = ConnectorUrl.Build(serviceUrl, $"v3/conversations/{ConnectorUrl.Segment(conversationId)}/activities/{ConnectorUrl.Segment(activityId)}");
        const string operation = ConnectorOperations.DeleteActivity;
        await WaitForRoomAsync(operation, conversationId, cancellationToken).ConfigureAwait(false);
        await CallAsync<ResourceResponse>(HttpMethod.Delete, url, null, operation, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (pageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(pageSize));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize, nameof(pageSize));
        }

        var query = new List<string>(2);
        if (pageSize is not null)
        {
            query.Add("pageSize=" + pageSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        var path = $"v3/conversations/{ConnectorUrl.Segment(conversationId)}/pagedmembers";
        var url = ConnectorUrl.Build(serviceUrl, query.Count == 0 ? path : path + "?" + string.Join('&', query));
        var page = await CallAsync(HttpMethod.Get, url, null, ConnectorOperations.GetConversationPagedMembers, ApiJsonContext.Default.PagedMembersResult, cancellationToken).ConfigureAwait(false);

        // The connector leaves out "members" on an empty page, and sends "" for "no more pages".
        return new PagedMembersResult(
            page?.Members ?? [],
            string.IsNullOrEmpty(page?.ContinuationToken) ? null : page.ContinuationToken);
    }

    public async Task<ConversationResourceResponse> CreateAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Members is null || parameters.Members.Count == 0)
        {
            throw new ArgumentException("A conversation needs at least one member.", nameof(parameters));
        }

        var url = ConnectorUrl.Build(serviceUrl, "v3/conversations");
        const string operation = ConnectorOperations.CreateConversation;
        var created = await CallAsync(HttpMethod.Post, url, Json(parameters, ApiJsonContext.Default.ConversationParameters), operation, ApiJsonContext.Default.ConversationResourceResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(created?.Id))
        {
            throw new ConnectorException(operation, HttpStatusCode.OK, $"{operation} answered without a conversation id.");
        }

        return created;
    }

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        // Bytes, not a stream: the request carries a Content-Length and can be sent again on a retry.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async ValueTask WaitForRoomAsync(string operation, string conversationId, CancellationToken cancellationToken)
    {
        if (!await _rateLimiter.WaitAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            throw new ConnectorException(
                operation,
                HttpStatusCode.TooManyRequests,
                $"{operation} would have to wait longer than Bot:Connector:MaxRateLimitWait for room in the conversation's rate limits.");
        }
    }

    private async Task<T?> CallAsync<T>(HttpMethod method, Uri url, HttpContent? content, string operation, JsonTypeInfo<T>? responseType, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Options.Set(ConnectorOperations.Key, operation);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ConnectorException(operation, null, $"{operation} timed out.", ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new ConnectorException(operation, null, $"{operation} failed: no token for the Bot Connector.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new ConnectorException(operation, null, $"{operation} failed: the Bot Connector did not answer.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(operation, response, cancellationToken).ConfigureAwait(false);
            }

            if (responseType is null || response.Content.Headers.ContentLength == 0)
            {
                return null;
            }

            try
            {
                return await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new ConnectorException(operation, response.StatusCode, $"{operation} succeeded but the answer is not valid JSON.", ex);
            }
        }
    }

    private async Task<ConnectorException> FailureAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? errorCode = null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ConnectorErrorResponse, cancellationToken).ConfigureAwait(false);
            errorCode = body?.Error?.Code is { Length: > 0 and <= 100 } code ? code : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a connector error body (a proxy's page, or nothing): the status says enough.
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        var status = response.StatusCode;
        return new ConnectorException(operation, status, $"{operation} failed: the Bot Connector answered {(int)status} {status}.")
        {
            ErrorCode = errorCode,
            RetryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter,
        };
    }
}
