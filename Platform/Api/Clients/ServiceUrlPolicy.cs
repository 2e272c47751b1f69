using System.Net;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// Which serviceUrls the bot talks to: HTTPS hosts on <see cref="ConnectorOptions.TrustedServiceUrlHosts"/>,
/// and loopback only where no token can leak (local mode) or where a test or emulator asks for it
/// (<see cref="ConnectorOptions.TrustLoopbackServiceUrl"/>). The same rule refuses an activity at
/// the door and keeps the bot's token from travelling anywhere else.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly IReadOnlyList<string> _trustedHosts;

    public ServiceUrlPolicy(IEnumerable<string> trustedHosts, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(trustedHosts);
        _trustedHosts = [.. trustedHosts];
        AllowsLoopback = allowLoopback;
    }

    public bool AllowsLoopback { get; }

    /// <summary>The policy of a bot: loopback is trusted without authentication, or when configured.</summary>
    public static ServiceUrlPolicy For(ConnectorOptions options, bool authenticated)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ServiceUrlPolicy(options.TrustedServiceUrlHosts, !authenticated || options.TrustLoopbackServiceUrl);
    }

    /// <summary>An HTTPS host on the trusted list, or loopback when allowed.</summary>
    public bool IsTrusted(Uri? url) =>
        url is { IsAbsoluteUri: true }
        && ((AllowsLoopback && IsLoopback(url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            || (url.Scheme == Uri.UriSchemeHttps && _trustedHosts.Any(pattern => HostMatches(url.IdnHost, pattern))));

    public bool IsTrusted(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsTrusted(uri);

    /// <summary>
    /// HTTPS, or plain HTTP to this machine only: what may carry the bot's token, or bring it the
    /// signing keys it trusts, since anything on plain HTTP could be read or changed on the way.
    /// </summary>
    public static bool IsHttpsOrLoopback(Uri? url) =>
        url is not null && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static bool HostMatches(string host, string pattern) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
}
