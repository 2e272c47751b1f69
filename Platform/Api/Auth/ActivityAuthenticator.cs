using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Platform.Api.Auth;

/// <summary>
/// Authenticates POST /api/messages for a single-tenant bot: the bearer token must be a Bot
/// Framework channel token, or an Entra app token of the bot itself in its tenant, signed with a
/// key the issuer publishes. The unverified issuer only picks the validator; that validator then
/// checks it all. No token, however built, gets past here as anything but a refusal.
/// </summary>
public sealed partial class ActivityAuthenticator : IActivityAuthenticator
{
    public const string HttpClientName = "StuyfBot.OpenIdMetadata";

    private const string BearerPrefix = "Bearer ";

    private readonly TokenValidator[] _validators;
    private readonly ILogger<ActivityAuthenticator> _log;

    public ActivityAuthenticator(IOptions<BotOptions> options, IHttpClientFactory http, TimeProvider time, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(logs);
        var bot = options.Value;
        var appId = bot.AppId is { Length: > 0 } id ? id : throw new InvalidOperationException("Bot:AppId is required for authentication.");
        var tenantId = bot.TenantId is { Length: > 0 } tenant ? tenant : throw new InvalidOperationException("Bot:TenantId is required for authentication.");
        var keysLog = logs.CreateLogger<IssuerKeys>();
        IssuerKeys Keys(Uri metadata) => new(metadata, http.CreateClient(HttpClientName), bot.SigningKeyRefreshInterval, bot.SigningKeyMaxAge, time, keysLog);
        _validators =
        [
            TokenValidator.ForService(appId, Keys(new Uri(bot.OpenIdMetadataUrl)), time),
            TokenValidator.ForEntra(appId, tenantId, Keys(EntraMetadataUrl(bot.EntraAuthority, tenantId)), time),
        ];
        _log = logs.CreateLogger<ActivityAuthenticator>();
    }

    public bool IsEnabled => true;

    public async ValueTask<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (ReadBearer(authorizationHeader) is not { } compact)
        {
            return AuthenticationResult.Fail("the Authorization header is not 'Bearer <token>'");
        }

        try
        {
            if (Read(compact, out var failure) is not { } token)
            {
                return AuthenticationResult.Fail(failure!);
            }

            var validator = Array.Find(_validators, v => v.AcceptsIssuer(token.Issuer));
            if (validator is null)
            {
                return AuthenticationResult.Fail($"issuer '{LogText.Safe(token.Issuer)}' is not trusted");
            }

            var result = await validator.ValidateAsync(token, activity, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                LogAuthenticated(validator.Name, LogText.Safe(activity.ChannelId));
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever a token makes the library or the key fetch throw is a refusal, never a 500.
            return AuthenticationResult.Fail($"the token could not be validated ({ex.GetType().Name})");
        }
    }

    private static Uri EntraMetadataUrl(string authority, string tenantId) =>
        new($"{authority.TrimEnd('/')}/{Uri.EscapeDataString(tenantId)}/v2.0/.well-known/openid-configuration");

    /// <summary>"Bearer" (any case, RFC 7235), one space, then the token and nothing else.</summary>
    private static string? ReadBearer(string? header)
    {
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[BearerPrefix.Length..];
        return token.Length > 0 && !token.Any(char.IsWhiteSpace) ? token : null;
    }

    /// <summary>
    /// The token as the library reads it, and the few header rules checked before any key is
    /// fetched, so that a malformed or unsigned token costs nothing and says why in the log.
    /// </summary>
    private static JsonWebToken? Read(string compact, out string? failure)
    {
        var parts = compact.Count(c => c == '.') + 1;
        if (parts != 3)
        {
            failure = $"the token has {parts} parts, not 3";
            return null;
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(compact);
        }
        catch (ArgumentException)
        {
            failure = "malformed token: not base64url JSON objects";
            return null;
        }

        failure = !string.Equals(token.Alg, TokenValidator.Algorithm, StringComparison.Ordinal) ? $"algorithm '{LogText.Safe(token.Alg)}' is not {TokenValidator.Algorithm}"
            : string.IsNullOrEmpty(token.Kid) ? "the token names no kid"
            : token.TryGetHeaderValue<object>("crit", out _) ? "the token has critical header parameters, which are not supported"
            : null;
        return failure is null ? token : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Authenticated a {Validator} token for channel {ChannelId}")]
    private partial void LogAuthenticated(string validator, string channelId);
}
