using Azure.Core;
using Azure.Identity;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// The bot's access tokens for the Bot Connector (scope https://api.botframework.com/.default),
/// kept until shortly before they expire so the hot path reads a field instead of calling
/// Entra. Without a credential (local mode) it is disabled and hands out nothing.
/// </summary>
public sealed class BotTokenProvider : IDisposable
{
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    /// <summary>Refresh this long before expiry, so no request leaves with a token about to lapse.</summary>
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>A failed refresh may keep using the current token while it has at least this much left.</summary>
    private static readonly TimeSpan MinimumLeft = TimeSpan.FromSeconds(30);

    private readonly TokenCredential? _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _current;

    public BotTokenProvider(TokenCredential? credential, string? tenantId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _credential = credential;
        _request = new TokenRequestContext([BotFrameworkScope], parentRequestId: null, claims: null, tenantId: string.IsNullOrWhiteSpace(tenantId) ? null : tenantId);
        _time = time;
    }

    public bool IsEnabled => _credential is not null;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && _time.GetUtcNow() < current.RefreshAt
            ? new ValueTask<string>(current.Value)
            : RefreshAsync(cancellationToken);
    }

    public void Dispose() => _refresh.Dispose();

    private async ValueTask<string> RefreshAsync(CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            throw new InvalidOperationException("The bot has no credential (local mode): there is no token to send.");
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            var current = _current;
            if (current is not null && _time.GetUtcNow() < current.RefreshAt)
            {
                return current.Value;
            }

            AccessToken token;
            try
            {
                token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationFailedException) when (current is not null && _time.GetUtcNow() < current.ExpiresOn - MinimumLeft)
            {
                // Entra is briefly unreachable, but the token in hand is still good: use it and try again on the next call.
                return current.Value;
            }

            Volatile.Write(ref _current, new CachedToken(token.Token, token.ExpiresOn, token.ExpiresOn - RefreshMargin));
            return token.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresOn, DateTimeOffset RefreshAt);
}
