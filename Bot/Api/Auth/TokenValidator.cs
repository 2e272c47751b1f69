using System.Globalization;

namespace StuyfBot.Bot.Api.Auth;

/// <summary>
/// Checks a token from one kind of issuer: the signature with the issuer's key, then issuer,
/// lifetime, audience and, per kind, the tenant or the channel binding. Like the Teams SDK,
/// there is one for the Bot Framework channel service (<see cref="ForService"/>) and one for
/// Entra tokens of the bot's own tenant (<see cref="ForEntra"/>).
/// </summary>
public sealed class TokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>How far the clocks of the issuer and this host may drift apart.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyList<string> _issuers;
    private readonly IReadOnlyList<string> _audiences;
    private readonly string? _tenantId;
    private readonly bool _bindsChannel;
    private readonly JwksKeyRetriever _keys;
    private readonly TimeProvider _time;

    private TokenValidator(string name, IReadOnlyList<string> issuers, IReadOnlyList<string> audiences, string? tenantId, bool bindsChannel, JwksKeyRetriever keys, TimeProvider time)
    {
        Name = name;
        _issuers = issuers;
        _audiences = audiences;
        _tenantId = tenantId;
        _bindsChannel = bindsChannel;
        _keys = keys;
        _time = time;
    }

    /// <summary>"service" or "entra", for the logs.</summary>
    public string Name { get; }

    /// <summary>
    /// Tokens the Bot Framework channel service (Teams) signs: issuer api.botframework.com, the
    /// signing key endorsed for the activity's channel, and a serviceurl claim equal to the
    /// activity's serviceUrl, so a token cannot send the bot's replies somewhere else.
    /// </summary>
    public static TokenValidator ForService(string appId, JwksKeyRetriever keys, TimeProvider time) =>
        new("service", [BotFrameworkIssuer], [appId], tenantId: null, bindsChannel: true, keys, time);

    /// <summary>Tokens Entra issues to callers of a single-tenant bot: v2 and v1 issuers of that tenant.</summary>
    public static TokenValidator ForEntra(string appId, string tenantId, JwksKeyRetriever keys, TimeProvider time)
    {
        var tenant = NormalizeTenant(tenantId);
        return new(
            "entra",
            [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"],
            [appId, "api://" + appId],
            tenant,
            bindsChannel: false,
            keys,
            time);
    }

    /// <summary>Whether this validator is the one for the token's (not yet verified) issuer.</summary>
    public bool AcceptsIssuer(string? issuer) => issuer is not null && _issuers.Contains(issuer, StringComparer.Ordinal);

    public async ValueTask<AuthenticationResult> ValidateAsync(JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(activity);
        if (!AcceptsIssuer(token.Issuer))
        {
            return Fail($"issuer '{Short(token.Issuer)}' is not a {Name} issuer");
        }

        // Nothing in the token is believed before its signature is.
        var key = await _keys.GetKeyAsync(token.KeyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Fail($"no signing key '{Short(token.KeyId)}' at {_keys.MetadataUrl}");
        }

        if (!key.VerifySignature(token))
        {
            return Fail($"the signature does not verify with key '{Short(token.KeyId)}'");
        }

        return CheckLifetime(token)
            ?? CheckAudience(token)
            ?? CheckTenant(token)
            ?? CheckChannel(token, key, activity)
            ?? AuthenticationResult.Success;
    }

    private AuthenticationResult? CheckLifetime(JsonWebToken token)
    {
        var now = _time.GetUtcNow();
        if (token.GetTime("exp") is not { } expires)
        {
            return Fail("the token has no exp");
        }

        if (now > expires + ClockSkew)
        {
            return Fail($"the token expired at {Format(expires)}");
        }

        if (token.Payload.TryGetProperty("nbf", out _))
        {
            if (token.GetTime("nbf") is not { } notBefore)
            {
                return Fail("the token's nbf is not a time");
            }

            if (now < notBefore - ClockSkew)
            {
                return Fail($"the token is not valid before {Format(notBefore)}");
            }
        }

        return null;
    }

    private AuthenticationResult? CheckAudience(JsonWebToken token) =>
        token.Audiences.Any(a => _audiences.Contains(a, StringComparer.Ordinal))
            ? null
            : Fail($"audience '{Short(string.Join(',', token.Audiences))}' is not this bot");

    private AuthenticationResult? CheckTenant(JsonWebToken token) =>
        _tenantId is null || token.GetString("tid") == _tenantId
            ? null
            : Fail($"tenant '{Short(token.GetString("tid"))}' is not this bot's tenant");

    private AuthenticationResult? CheckChannel(JsonWebToken token, JsonWebKey key, Activity activity)
    {
        if (!_bindsChannel)
        {
            return null;
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || !key.IsEndorsedFor(activity.ChannelId))
        {
            return Fail($"key '{Short(key.KeyId)}' is not endorsed for channel '{Short(activity.ChannelId)}'");
        }

        return SameServiceUrl(token.GetString("serviceurl"), activity.ServiceUrl)
            ? null
            : Fail("the serviceurl claim does not match the activity's serviceUrl");
    }

    /// <summary>Exact but for one trailing slash, which the channel writes one way or the other.</summary>
    internal static bool SameServiceUrl(string? claim, string? serviceUrl) =>
        !string.IsNullOrEmpty(claim) && !string.IsNullOrEmpty(serviceUrl)
        && string.Equals(TrimSlash(claim), TrimSlash(serviceUrl), StringComparison.Ordinal);

    private static string TrimSlash(string url) => url.EndsWith('/') ? url[..^1] : url;

    /// <summary>Tokens carry the tenant GUID in lower case; configuration may not.</summary>
    private static string NormalizeTenant(string tenantId) =>
        Guid.TryParse(tenantId, out var guid) ? guid.ToString("D") : tenantId;

    private static AuthenticationResult Fail(string reason) => AuthenticationResult.Fail(reason);

    private static string Format(DateTimeOffset time) => time.ToString("u", CultureInfo.InvariantCulture);

    /// <summary>Claims quoted in reasons come from the caller: kept short so they cannot flood the log.</summary>
    internal static string Short(string? text) => text is null ? "(none)" : text.Length > 64 ? text[..64] + "..." : text;
}
