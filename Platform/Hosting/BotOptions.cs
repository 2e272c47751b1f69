namespace StuyfBot.Platform.Hosting;

/// <summary>The bot's identity (configuration section "Bot").</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The Entra app (client) id of the bot. Empty: local mode without authentication.</summary>
    public string? AppId { get; set; }

    /// <summary>The tenant of a single-tenant bot.</summary>
    public string? TenantId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PFX or PEM certificate file for the app registration.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The client id of a user-assigned managed identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Use the host's system-assigned managed identity for outgoing calls. Only where the Bot
    /// Service registration accepts that identity's client id as Bot:AppId; Azure Bot normally
    /// takes a user-assigned identity (Bot:ManagedIdentityClientId).
    /// </summary>
    public bool UseSystemAssignedIdentity { get; set; }

    /// <summary>Bot Framework OpenID metadata (changed only by tests).</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>
    /// Where the signing keys of Entra tokens are fetched: {EntraAuthority}/{TenantId}/v2.0/.well-known/openid-configuration
    /// (changed only by tests; the accepted issuers stay login.microsoftonline.com and sts.windows.net).
    /// </summary>
    public string EntraAuthority { get; set; } = "https://login.microsoftonline.com";

    /// <summary>
    /// The least time between two fetches of an issuer's signing keys caused by tokens that name
    /// a key the bot does not know (a rotation, or a forger's made-up kid). It bounds both how
    /// often such tokens make the bot call the issuer and how long a real rotation can be held back.
    /// </summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How old the signing keys may get before they are fetched again anyway.</summary>
    public TimeSpan SigningKeyMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest accepted body of POST /api/messages, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long an activity id is remembered to drop redeliveries.</summary>
    public TimeSpan RedeliveryWindow { get; set; } = TimeSpan.FromMinutes(5);

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);
}
