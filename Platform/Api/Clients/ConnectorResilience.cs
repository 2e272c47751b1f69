using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// The retry policy for Bot Connector calls, built once: a total timeout around bounded retries
/// around a per-attempt timeout. A message must never arrive twice, so what is retried depends
/// on the method:
/// <list type="bullet">
/// <item>Every call: 429 (waiting the Retry-After, seconds or date, when it is given and not over
/// <see cref="ConnectorOptions.MaxRetryAfter"/>; otherwise backing off); 503 with a Retry-After
/// (the connector shed the request and says when to come back); and failures before the request
/// was written (DNS, connection refused, TLS).</item>
/// <item>Only GET, PUT and DELETE (idempotent) besides: 408, 500, 502, 503 without Retry-After,
/// 504, attempt timeouts, and connections dropped mid-request. For a POST (send, reply, create)
/// these are ambiguous, the connector may have delivered it, so they fail the call instead.</item>
/// </list>
/// </summary>
public sealed partial class ConnectorResilience
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("StuyfBot.ConnectorRequest");

    private readonly ILogger<ConnectorResilience> _log;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxRetryAfter;
    private readonly int _maxAttempts;

    public ConnectorResilience(IOptions<ConnectorOptions> options, TimeProvider time, ILogger<ConnectorResilience> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _log = log;
        _time = time;
        _maxRetryAfter = settings.MaxRetryAfter;
        _maxAttempts = settings.MaxAttempts;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(settings.TotalTimeout);
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryAfter,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, Method(args.Context))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    LogRetry(args.Outcome, args.Context, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder.AddTimeout(settings.AttemptTimeout).Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>True when the request was certainly not processed, so even a POST may go again.</summary>
    internal static bool NotSent(Exception exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError,
        };

    internal bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod method)
    {
        var idempotent = method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete;
        if (outcome.Exception is { } exception)
        {
            if (NotSent(exception))
            {
                return true;
            }

            return idempotent && exception is TimeoutRejectedException or HttpRequestException or IOException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => RetryAfterFits(response),
            HttpStatusCode.ServiceUnavailable when response.Headers.RetryAfter is not null => RetryAfterFits(response),
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
                or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }

    /// <summary>The wait the connector asked for; null when it did not (then the backoff applies).</summary>
    internal TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var wait = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static HttpMethod Method(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestKey, out var request) ? request.Method : HttpMethod.Post;

    private bool RetryAfterFits(HttpResponseMessage response) => RetryAfter(response) is not { } wait || wait <= _maxRetryAfter;

    private void LogRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, TimeSpan delay)
    {
        context.Properties.TryGetValue(RequestKey, out var request);
        var operation = request is null ? "Connector" : ConnectorOperations.Of(request);
        var method = request?.Method.Method ?? string.Empty;
        if (outcome.Result is { } response)
        {
            LogRetryStatus(operation, method, (int)response.StatusCode, attempt, _maxAttempts, (long)delay.TotalMilliseconds);
        }
        else
        {
            var error = outcome.Exception is HttpRequestException http ? http.HttpRequestError.ToString() : outcome.Exception?.GetType().Name;
            LogRetryError(operation, method, error, attempt, _maxAttempts, (long)delay.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Operation} ({Method}): attempt {Attempt} of {MaxAttempts} got status {StatusCode}; next try in {DelayMs} ms")]
    private partial void LogRetryStatus(string operation, string method, int statusCode, int attempt, int maxAttempts, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Operation} ({Method}): attempt {Attempt} of {MaxAttempts} failed with {Error}; next try in {DelayMs} ms")]
    private partial void LogRetryError(string operation, string method, string? error, int attempt, int maxAttempts, long delayMs);
}
