using System.Text.Json;

namespace StuyfBot.Bot.Api.Auth;

/// <summary>
/// The signing keys of one issuer: its OpenID metadata document names a <c>jwks_uri</c>, which
/// lists the keys. Keys are cached; they are fetched again when they are a day old or when a
/// token names a kid not in the cache (keys rotate), but at most once per
/// <see cref="MinimumRefreshInterval"/>, so tokens with made-up kids cannot hammer the issuer.
/// When a refresh fails the keys already known stay in use.
/// </summary>
public sealed partial class JwksKeyRetriever : IDisposable
{
    public const string HttpClientName = "StuyfBot.OpenIdMetadata";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile KeySet? _keys;

    // Written only while holding _refresh.
    private DateTimeOffset? _lastAttempt;

    public JwksKeyRetriever(Uri metadataUrl, IHttpClientFactory http, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(metadataUrl);
        MetadataUrl = metadataUrl;
        _http = http;
        _time = time;
        _log = log;
    }

    public Uri MetadataUrl { get; }

    /// <summary>The key with this kid, refreshing the cache when needed and allowed; null if unknown.</summary>
    public async ValueTask<JsonWebKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        if (keys is not null && _time.GetUtcNow() - keys.FetchedAt < RefreshInterval && keys.Find(keyId) is { } cached)
        {
            return cached;
        }

        await RefreshAsync(keyId, cancellationToken).ConfigureAwait(false);
        return _keys?.Find(keyId);
    }

    public void Dispose() => _refresh.Dispose();

    private async Task RefreshAsync(string keyId, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Callers that queued behind a refresh find it done here and do not fetch again.
            var now = _time.GetUtcNow();
            if (_lastAttempt is { } last && now - last < MinimumRefreshInterval)
            {
                LogRefreshSkipped(MetadataUrl, Short(keyId), last);
                return;
            }

            try
            {
                var (jwksUri, keys, skipped) = await FetchAsync(cancellationToken).ConfigureAwait(false);
                _keys = new KeySet(keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal), now);
                LogKeysFetched(keys.Count, jwksUri, skipped);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller went away: not an attempt, the next caller may try at once.
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidDataException or OperationCanceledException)
            {
                LogRefreshFailed(ex, MetadataUrl, _keys is null ? 0 : _keys.Count);
            }

            _lastAttempt = now;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<(Uri JwksUri, IReadOnlyList<JsonWebKey> Keys, int Skipped)> FetchAsync(CancellationToken cancellationToken)
    {
        var client = _http.CreateClient(HttpClientName);
        var metadata = await client.GetByteArrayAsync(MetadataUrl, cancellationToken).ConfigureAwait(false);
        var jwksUri = ReadJwksUri(metadata);
        var jwks = await client.GetByteArrayAsync(jwksUri, cancellationToken).ConfigureAwait(false);
        var keys = JsonWebKey.ReadKeySet(jwks, out var skipped);
        if (keys.Count == 0)
        {
            throw new InvalidDataException($"{jwksUri} lists no usable RSA signing key ({skipped} skipped).");
        }

        return (jwksUri, keys, skipped);
    }

    private Uri ReadJwksUri(byte[] metadata)
    {
        using var document = JsonDocument.Parse(metadata);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("jwks_uri", out var value) || value.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidDataException($"{MetadataUrl} has no absolute jwks_uri.");
        }

        // Keys fetched over plain http could be anyone's; only a loopback test issuer may use it.
        var secure = jwksUri.Scheme == Uri.UriSchemeHttps || (jwksUri.Scheme == Uri.UriSchemeHttp && MetadataUrl.Scheme == Uri.UriSchemeHttp && jwksUri.IsLoopback);
        return secure ? jwksUri : throw new InvalidDataException($"{MetadataUrl} names a jwks_uri that is not https.");
    }

    private static string Short(string text) => text.Length > 64 ? text[..64] + "..." : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {JwksUri} ({SkippedCount} skipped)")]
    private partial void LogKeysFetched(int keyCount, Uri jwksUri, int skippedCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the signing keys from {MetadataUrl}; keeping the {KeyCount} keys already known")]
    private partial void LogRefreshFailed(Exception exception, Uri metadataUrl, int keyCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not refreshing the signing keys from {MetadataUrl} for kid {KeyId}: the last attempt was at {LastAttempt}")]
    private partial void LogRefreshSkipped(Uri metadataUrl, string keyId, DateTimeOffset lastAttempt);

    private sealed record KeySet(Dictionary<string, JsonWebKey> Keys, DateTimeOffset FetchedAt)
    {
        public int Count => Keys.Count;

        public JsonWebKey? Find(string keyId) => Keys.GetValueOrDefault(keyId);
    }
}
