using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace StuyfBot.Bot.Api.Clients;

/// <summary>
/// Adds the bot's bearer token to each connector request (inside the retries, so every attempt
/// carries a fresh one). In local mode (no Bot:AppId) it adds nothing.
/// </summary>
public sealed class BotTokenHandler : DelegatingHandler
{
    private readonly BotTokenProvider _tokens;
    private readonly IList<string> _trustedHosts;

    public BotTokenHandler(BotTokenProvider tokens, IOptions<ConnectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _trustedHosts = options.Value.TrustedServiceUrlHosts;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _tokens.IsEnabled ? SendWithTokenAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);
    }

    /// <summary>The token may travel over HTTPS, or over plain HTTP to this machine (tests, emulators).</summary>
    internal static bool MayCarryToken(Uri? url) =>
        url is not null && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    /// <summary>Loopback, or an HTTPS host on the trusted list.</summary>
    internal static bool IsTrusted(Uri url, IEnumerable<string> trustedHosts) =>
        IsLoopback(url) || (url.Scheme == Uri.UriSchemeHttps && trustedHosts.Any(pattern => HostMatches(url.IdnHost, pattern)));

    private static bool HostMatches(string host, string pattern) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!MayCarryToken(request.RequestUri))
        {
            throw new ConnectorException(ConnectorOperations.Of(request), null, "Refused to send the bot's token over plain HTTP to another machine; the serviceUrl must use HTTPS.");
        }

        if (!IsTrusted(request.RequestUri!, _trustedHosts))
        {
            throw new ConnectorException(ConnectorOperations.Of(request), null, "Refused to send the bot's token to a serviceUrl host that is not in Bot:Connector:TrustedServiceUrlHosts.");
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
