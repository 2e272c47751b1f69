using Polly;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>Runs each connector request through <see cref="ConnectorResilience"/> (outermost handler).</summary>
public sealed class ConnectorResilienceHandler : DelegatingHandler
{
    /// <summary>Connector answers are small; a larger body is a fault, not something to buffer.</summary>
    private const long MaxResponseBytes = 4 * 1024 * 1024;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ConnectorResilienceHandler(ConnectorResilience resilience)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        _pipeline = resilience.Pipeline;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorResilience.RequestKey, request);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.AttemptAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt, body included: reading the answer inside the attempt puts a stalled body
    /// under the attempt timeout and lets a GET whose body broke off be tried again.
    /// </summary>
    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
