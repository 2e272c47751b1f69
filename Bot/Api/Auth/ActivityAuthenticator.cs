using Microsoft.Extensions.Options;
using StuyfBot.Bot.Hosting;

namespace StuyfBot.Bot.Api.Auth;

/// <summary>
/// Authenticates POST /api/messages for a single-tenant bot: the bearer token must be a Bot
/// Framework channel token or an Entra token of the bot's tenant, signed with a key the issuer
/// publishes. The unverified issuer only picks the validator; that validator then checks it all.
/// </summary>
public sealed partial class ActivityAuthenticator : IActivityAuthenticator, IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly JwksKeyRetriever _serviceKeys;
    private readonly JwksKeyRetriever _entraKeys;
    private readonly TokenValidator[] _validators;
    private readonly ILogger<ActivityAuthenticator> _log;

    public ActivityAuthenticator(IOptions<BotOptions> options, IHttpClientFactory http, TimeProvider time, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logs);
        var bot = options.Value;
        var appId = bot.AppId is { Length: > 0 } id ? id : throw new InvalidOperationException("Bot:AppId is required for authentication.");
        var tenantId = bot.TenantId is { Length: > 0 } tenant ? tenant : throw new InvalidOperationException("Bot:TenantId is required for authentication.");
        var keysLog = logs.CreateLogger<JwksKeyRetriever>();
        _serviceKeys = new JwksKeyRetriever(new Uri(bot.OpenIdMetadataUrl), http, time, keysLog);
        _entraKeys = new JwksKeyRetriever(EntraMetadataUrl(bot.EntraAuthority, tenantId), http, time, keysLog);
        _validators = [TokenValidator.ForService(appId, _serviceKeys, time), TokenValidator.ForEntra(appId, tenantId, _entraKeys, time)];
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

        if (!JsonWebToken.TryRead(compact, out var token, out var failure))
        {
            return AuthenticationResult.Fail("malformed token: " + failure);
        }

        var validator = Array.Find(_validators, v => v.AcceptsIssuer(token.Issuer));
        if (validator is null)
        {
            return AuthenticationResult.Fail($"issuer '{TokenValidator.Short(token.Issuer)}' is not trusted");
        }

        var result = await validator.ValidateAsync(token, activity, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            LogAuthenticated(validator.Name, activity.ChannelId);
        }

        return result;
    }

    public void Dispose()
    {
        _serviceKeys.Dispose();
        _entraKeys.Dispose();
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Authenticated a {Validator} token for channel {ChannelId}")]
    private partial void LogAuthenticated(string validator, string? channelId);
}
