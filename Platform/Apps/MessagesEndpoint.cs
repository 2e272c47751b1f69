using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Auth;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Platform.Apps;

/// <summary>
/// POST /api/messages: authenticate, parse, drop redeliveries, run the turn, answer with the
/// status codes the Bot Framework expects (200, invoke responses, 400, 401, 403, 413, 415, 500).
/// </summary>
public sealed partial class MessagesEndpoint
{
    private readonly App _app;
    private readonly IActivityAuthenticator _authenticator;
    private readonly ActivityGate _gate;
    private readonly IConversationClient _conversations;
    private readonly ActivityDeduplicator _deduplicator;
    private readonly ITurnLanguage _language;
    private readonly BotOptions _options;
    private readonly ILogger<MessagesEndpoint> _log;

    public MessagesEndpoint(
        App app,
        IActivityAuthenticator authenticator,
        ActivityGate gate,
        IConversationClient conversations,
        ActivityDeduplicator deduplicator,
        ITurnLanguage language,
        IOptions<BotOptions> options,
        ILogger<MessagesEndpoint> log)
    {
        _app = app;
        _authenticator = authenticator;
        _gate = gate;
        _conversations = conversations;
        _deduplicator = deduplicator;
        _language = language;
        _options = options.Value;
        _log = log;
    }

    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (_authenticator.IsEnabled && string.IsNullOrEmpty(authorization))
        {
            await WriteErrorAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", "Missing Authorization header.").ConfigureAwait(false);
            return;
        }

        // A web page can post a form to a local bot without asking; it cannot send JSON unasked.
        if (!IsJson(http.Request.ContentType))
        {
            await WriteErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "An activity is sent as application/json.").ConfigureAwait(false);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _options.MaxRequestBodyBytes;
        }

        if (http.Request.ContentLength > _options.MaxRequestBodyBytes)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The activity is too large.").ConfigureAwait(false);
            return;
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync(http.Request.Body, ApiJsonContext.Default.Activity, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "BadRequest", "The body is not a valid activity.").ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The activity is too large.").ConfigureAwait(false);
            return;
        }

        if (Invalid(activity) is { } problem)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "BadRequest", problem).ConfigureAwait(false);
            return;
        }

        var auth = await _authenticator.AuthenticateAsync(authorization, activity!, cancellationToken).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            LogRefused(LogText.Safe(activity!.ChannelId), auth.Failure);
            await WriteErrorAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", "The request is not authenticated.").ConfigureAwait(false);
            return;
        }

        if (_gate.Refusal(activity!) is { } refusal)
        {
            LogRefused(LogText.Safe(activity!.ChannelId), refusal);
            await WriteErrorAsync(http, StatusCodes.Status403Forbidden, "Forbidden", "This bot does not accept this activity.").ConfigureAwait(false);
            return;
        }

        var context = new ActivityContext(activity!, _language.CultureOf(activity!.Locale ?? ClientLocale(activity)), _conversations, cancellationToken);
        InvokeResponse? response;
        try
        {
            (response, var duplicate) = await _deduplicator.RunOnceAsync(activity, () => _app.ProcessAsync(context)).ConfigureAwait(false);
            if (duplicate)
            {
                LogRedelivery(activity.Id, activity.Type);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (StorageUnavailableException ex)
        {
            response = await StorageTryAgain.AnswerAsync(context, _language.StorageTryAgain(context.Culture), ex, _log).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogTurnFailed(ex, activity.Type, activity.Id);
            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "InternalError", "The bot could not handle this activity.").ConfigureAwait(false);
            return;
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            response ??= new InvokeResponse(StatusCodes.Status200OK);
            http.Response.StatusCode = response.Status;
            if (response.Body is not null)
            {
                await http.Response.WriteAsJsonAsync(response.Body, ApiJsonContext.Default.AdaptiveCardActionResponse, contentType: null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static string? Invalid(Activity? activity)
    {
        if (activity is null)
        {
            return "The body is not a valid activity.";
        }

        if (string.IsNullOrEmpty(activity.Type))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity has no valid serviceUrl.";
        }

        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return "The activity has no conversation.";
        }

        return string.IsNullOrEmpty(activity.ChannelId) ? "The activity has no channelId." : null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static string? ClientLocale(Activity activity) =>
        activity.Entities?.FirstOrDefault(e => e.Type == EntityTypes.ClientInfo)?.Locale;

    private static Task WriteErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ErrorBody(code, message), ApiJsonContext.Default.ErrorBody, contentType: null, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from channel {ChannelId}: {Reason}")]
    private partial void LogRefused(string channelId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped redelivered {ActivityType} activity {ActivityId}")]
    private partial void LogRedelivery(string? activityId, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {ActivityType} turn for activity {ActivityId} failed")]
    private partial void LogTurnFailed(Exception exception, string? activityType, string? activityId);
}
