using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Platform.Api.Auth;

/// <summary>
/// The signing keys of one issuer, fetched from its OpenID metadata and cached by the library's
/// <see cref="ConfigurationManager{T}"/>. Only a token that names a key the cache lacks asks for a
/// refresh, and the library grants one per <see cref="Hosting.BotOptions.SigningKeyRefreshInterval"/>:
/// tokens that fail for any other reason (alg none, a bad signature) spend nothing, and made-up
/// kids cannot hammer the issuer nor hold back a real rotation longer than that interval.
/// </summary>
public sealed partial class IssuerKeys
{
    /// <summary>
    /// Makes a requested refresh happen in the call that requested it. By default the library
    /// refreshes in the background, so the first token signed with a rotated key would be refused,
    /// and the Bot Framework does not redeliver a refused activity.
    /// </summary>
    internal const string BlockingRefreshSwitch = "Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking";

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private OpenIdConnectConfiguration? _seen;
    private DateTimeOffset _seenAt;

    public IssuerKeys(Uri metadataUrl, HttpClient http, TimeSpan refreshInterval, TimeSpan maxAge, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(metadataUrl);
        AppContext.SetSwitch(BlockingRefreshSwitch, true);
        MetadataUrl = metadataUrl;
        _time = time;
        _maxAge = maxAge;
        _log = log;
        var documents = new SecureDocumentRetriever(metadataUrl, new HttpDocumentRetriever(http) { RequireHttps = false }, this);
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), documents)
        {
            RefreshInterval = refreshInterval,
            AutomaticRefreshInterval = maxAge,
        };
    }

    public Uri MetadataUrl { get; }

    /// <summary>
    /// The issuer's configuration with its keys; refreshed first when it lacks <paramref name="keyId"/>
    /// or is older than a day (by this bot's clock) and the library allows a refresh now.
    /// </summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        var configuration = Observe(await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false));
        if (FindKey(configuration, keyId) is not null && !IsStale())
        {
            return configuration;
        }

        _manager.RequestRefresh();
        return Observe(await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The published key with this kid, with its extra members (the Bot Framework's endorsements).</summary>
    public static JsonWebKey? FindKey(OpenIdConnectConfiguration configuration, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return keyId is null ? null : configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
    }

    private bool IsStale()
    {
        lock (_gate)
        {
            return _time.GetUtcNow() - _seenAt >= _maxAge;
        }
    }

    private OpenIdConnectConfiguration Observe(OpenIdConnectConfiguration configuration)
    {
        lock (_gate)
        {
            if (ReferenceEquals(configuration, _seen))
            {
                return configuration;
            }

            _seen = configuration;
            _seenAt = _time.GetUtcNow();
        }

        LogKeysFetched(configuration.SigningKeys.Count, MetadataUrl);
        return configuration;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {MetadataUrl}")]
    private partial void LogKeysFetched(int keyCount, Uri metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the signing keys from {MetadataUrl}; the keys already known stay in use")]
    private partial void LogRefreshFailed(Exception exception, Uri metadataUrl);

    /// <summary>
    /// Keys are trusted because of where they come from: over HTTPS, or plain HTTP only from a
    /// loopback issuer to loopback (tests). Failures are logged here, with the bot's own logger.
    /// </summary>
    private sealed class SecureDocumentRetriever(Uri metadataUrl, IDocumentRetriever inner, IssuerKeys owner) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            try
            {
                // A loopback issuer (tests) may name plain HTTP documents; a real one may not.
                if (!Uri.TryCreate(address, UriKind.Absolute, out var url)
                    || !ServiceUrlPolicy.IsHttpsOrLoopback(url)
                    || (url.Scheme == Uri.UriSchemeHttp && !ServiceUrlPolicy.IsLoopback(metadataUrl)))
                {
                    throw new InvalidOperationException($"{metadataUrl} names a document that is not https: {LogText.Safe(address)}");
                }

                return await inner.GetDocumentAsync(address, cancel).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                owner.LogRefreshFailed(ex, metadataUrl);
                throw;
            }
        }
    }
}
