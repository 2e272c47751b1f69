using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StuyfBot.Platform.Api.Auth;

/// <summary>
/// Checks a token from one kind of issuer. The library (<see cref="JsonWebTokenHandler"/>) checks
/// the signature with the issuer's published key, the issuer, lifetime and audience; this adds
/// what the Bot Framework requires and the library does not know: for channel tokens
/// (<see cref="ForService"/>) the key's endorsement of the activity's channel and the serviceurl
/// claim; for Entra tokens (<see cref="ForEntra"/>) the tenant, and that the caller is this bot
/// itself with an app token, never a user or another app of the tenant.
/// </summary>
public sealed class TokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    /// <summary>
    /// The longest a token may still be valid for. Channel tokens live an hour and Entra tokens a
    /// day at most: a token signed to last longer is not one a trusted issuer made for this bot,
    /// and a leaked one must not work for years.
    /// </summary>
    public static readonly TimeSpan MaxRemainingLifetime = TimeSpan.FromHours(48);

    /// <summary>How far the clocks of the issuer and this host may drift apart.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly IReadOnlyList<string> _issuers;
    private readonly IssuerKeys _keys;
    private readonly TokenValidationParameters _parameters;
    private readonly Func<JsonWebToken, JsonWebKey, Activity, string?> _check;

    private TokenValidator(string name, IReadOnlyList<string> issuers, IReadOnlyList<string> audiences, IssuerKeys keys, TimeProvider time, Func<JsonWebToken, JsonWebKey, Activity, string?> check)
    {
        Name = name;
        _issuers = issuers;
        _keys = keys;
        _check = check;
        _parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidAudiences = audiences,
            ValidAlgorithms = [Algorithm],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => CheckLifetime(notBefore, expires, time.GetUtcNow().UtcDateTime),
            SaveSigninToken = false,
        };
    }

    /// <summary>"service" or "entra", for the logs.</summary>
    public string Name { get; }

    public Uri MetadataUrl => _keys.MetadataUrl;

    /// <summary>
    /// Tokens the Bot Framework channel service (Teams) signs: issuer api.botframework.com, the
    /// signing key endorsed for the activity's channel, and a serviceurl claim equal to the
    /// activity's serviceUrl, so a token cannot send the bot's replies somewhere else.
    /// </summary>
    public static TokenValidator ForService(string appId, IssuerKeys keys, TimeProvider time) =>
        new("service", [BotFrameworkIssuer], [appId], keys, time, CheckChannel);

    /// <summary>
    /// Tokens Entra issues for a single-tenant bot (v2 and v1 issuers of that tenant), accepted
    /// only as app tokens of the bot's own app id (as the Bot Framework's emulator path does):
    /// any other app of the tenant, and any user, could otherwise speak as anyone.
    /// </summary>
    public static TokenValidator ForEntra(string appId, string tenantId, IssuerKeys keys, TimeProvider time)
    {
        var tenant = NormalizeTenant(tenantId);
        return new(
            "entra",
            [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"],
            [appId, "api://" + appId],
            keys,
            time,
            (token, _, _) => CheckEntraCaller(token, appId, tenant));
    }

    /// <summary>Whether this validator is the one for the token's (not yet verified) issuer.</summary>
    public bool AcceptsIssuer(string? issuer) => issuer is not null && _issuers.Contains(issuer, StringComparer.Ordinal);

    public async ValueTask<AuthenticationResult> ValidateAsync(JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(activity);
        var configuration = await _keys.GetAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        if (IssuerKeys.FindKey(configuration, token.Kid) is not { } published)
        {
            return Fail($"no signing key '{LogText.Safe(token.Kid)}' at {_keys.MetadataUrl}");
        }

        var parameters = _parameters.Clone();
        parameters.IssuerSigningKeys = [published];
        var result = await Handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return Fail(Reason(result.Exception, token));
        }

        return _check((JsonWebToken)result.SecurityToken, published, activity) is { } failure ? Fail(failure) : AuthenticationResult.Success;
    }

    /// <summary>
    /// The library's rule (exp required, nbf optional, five minutes of skew either way) on this
    /// bot's <see cref="TimeProvider"/>, which the library's own check cannot be given.
    /// </summary>
    private static bool CheckLifetime(DateTime? notBefore, DateTime? expires, DateTime now)
    {
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp.");
        }

        if (notBefore is { } nbf && now + ClockSkew < nbf)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        if (now - ClockSkew > exp)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        if (exp - now > MaxRemainingLifetime)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's exp is too far in the future.") { Expires = exp };
        }

        return true;
    }

    private static string? CheckChannel(JsonWebToken token, JsonWebKey key, Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ChannelId) || !Endorsements(key).Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return $"key '{LogText.Safe(key.Kid)}' is not endorsed for channel '{LogText.Safe(activity.ChannelId)}'";
        }

        return SameServiceUrl(Claim(token, "serviceurl"), activity.ServiceUrl)
            ? null
            : "the serviceurl claim does not match the activity's serviceUrl";
    }

    private static string? CheckEntraCaller(JsonWebToken token, string appId, string tenant)
    {
        if (Claim(token, "tid") is var tid && !string.Equals(tid, tenant, StringComparison.Ordinal))
        {
            return $"tenant '{LogText.Safe(tid)}' is not this bot's tenant";
        }

        if (token.TryGetPayloadValue<object>("scp", out _))
        {
            return "a delegated user token (scp) is not accepted; only the bot's own app token is";
        }

        // v1 tokens name the caller in appid, v2 tokens in azp.
        var caller = Claim(token, "azp") ?? Claim(token, "appid");
        return caller is null ? "the token names no calling app (azp or appid)"
            : string.Equals(caller, appId, StringComparison.OrdinalIgnoreCase) ? null
            : $"the calling app '{LogText.Safe(caller)}' is not this bot";
    }

    /// <summary>The Bot Framework's "endorsements" member of a JWK: the channels the key may sign for.</summary>
    internal static IReadOnlyList<string> Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> items => [.. items.OfType<string>()],
            _ => [],
        };
    }

    /// <summary>Exact but for one trailing slash, which the channel writes one way or the other.</summary>
    internal static bool SameServiceUrl(string? claim, string? serviceUrl) =>
        !string.IsNullOrEmpty(claim) && !string.IsNullOrEmpty(serviceUrl)
        && string.Equals(TrimSlash(claim), TrimSlash(serviceUrl), StringComparison.Ordinal);

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>The log's reason for what the library refused; never the token itself.</summary>
    private static string Reason(Exception? exception, JsonWebToken token) => exception switch
    {
        SecurityTokenNoExpirationException => "the token has no exp",
        SecurityTokenExpiredException expired => $"the token expired at {Format(expired.Expires)}",
        SecurityTokenNotYetValidException early => $"the token is not valid before {Format(early.NotBefore)}",
        SecurityTokenInvalidLifetimeException { Expires: { } exp } when exp != DateTime.MinValue => $"the token's exp {Format(exp)} is too far in the future",
        SecurityTokenInvalidLifetimeException => "the token's lifetime is not valid",
        SecurityTokenInvalidAudienceException => $"audience '{LogText.Safe(string.Join(',', token.Audiences))}' is not this bot",
        SecurityTokenInvalidIssuerException => $"issuer '{LogText.Safe(token.Issuer)}' is not trusted",
        SecurityTokenInvalidAlgorithmException => $"algorithm '{LogText.Safe(token.Alg)}' is not {Algorithm}",
        SecurityTokenSignatureKeyNotFoundException => $"no signing key '{LogText.Safe(token.Kid)}'",
        SecurityTokenInvalidSignatureException => $"the signature does not verify with key '{LogText.Safe(token.Kid)}'",
        null => "the token is not valid",
        _ => $"the token is not valid ({exception.GetType().Name})",
    };

    private static string TrimSlash(string url) => url.EndsWith('/') ? url[..^1] : url;

    /// <summary>Tokens carry the tenant GUID in lower case; configuration may not.</summary>
    internal static string NormalizeTenant(string tenantId) =>
        Guid.TryParse(tenantId, out var guid) ? guid.ToString("D") : tenantId;

    private static AuthenticationResult Fail(string reason) => AuthenticationResult.Fail(reason);

    private static string Format(DateTime time) => time.ToString("u", CultureInfo.InvariantCulture);
}
