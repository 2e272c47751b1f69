using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// Adds the bot's bearer token to each connector request (inside the retries, so every attempt
/// carries a fresh one). In local mode (no Bot:AppId) it adds nothing.
/// </summary>
public sealed class BotTokenHandler : DelegatingHandler
{
    private readonly BotTokenProvider _tokens;
    private readonly ServiceUrlPolicy _serviceUrls;

    public BotTokenHandler(BotTokenProvider tokens, IOptions<ConnectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _serviceUrls = ServiceUrlPolicy.For(options.Value, authenticated: true);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _tokens.IsEnabled ? SendWithTokenAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!ServiceUrlPolicy.IsHttpsOrLoopback(request.RequestUri))
        {
            throw new ConnectorException(ConnectorOperations.Of(request), null, "Refused to send the bot's token over plain HTTP to another machine; the serviceUrl must use HTTPS.");
        }

        if (!_serviceUrls.IsTrusted(request.RequestUri))
        {
            throw new ConnectorException(ConnectorOperations.Of(request), null, "Refused to send the bot's token to a serviceUrl host that is not in Bot:Connector:TrustedServiceUrlHosts (loopback only with Bot:Connector:TrustLoopbackServiceUrl).");
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
