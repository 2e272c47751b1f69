using System.Net;
using System.Net.Http.Headers;

namespace StuyfBot.Bot.Api.Clients;

/// <summary>
/// Adds the bot's bearer token to each connector request (inside the retries, so every attempt
/// carries a fresh one). In local mode (no Bot:AppId) it adds nothing.
/// </summary>
public sealed class BotTokenHandler : DelegatingHandler
{
    private readonly BotTokenProvider _tokens;

    public BotTokenHandler(BotTokenProvider tokens) => _tokens = tokens;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _tokens.IsEnabled ? SendWithTokenAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);
    }

    /// <summary>The token may travel over HTTPS, or over plain HTTP to this machine (tests, emulators).</summary>
    internal static bool MayCarryToken(Uri? url) =>
        url is not null && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!MayCarryToken(request.RequestUri))
        {
            throw new ConnectorException(ConnectorOperations.Of(request), null, "Refused to send the bot's token over plain HTTP to another machine; the serviceUrl must use HTTPS.");
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
