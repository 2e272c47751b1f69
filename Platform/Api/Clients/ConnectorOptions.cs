namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// How the bot talks to the Bot Connector (configuration section "Bot:Connector").
/// The defaults suit Teams; tests shorten the delays.
/// </summary>
public sealed class ConnectorOptions
{
    public const string Section = "Bot:Connector";

    /// <summary>Attempts per call, the first one included (so 4 means at most 3 retries).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first backoff delay when the connector gives no Retry-After; it doubles, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest Retry-After the bot waits for. A longer one fails the call at once with a
    /// <see cref="ConnectorException"/> carrying the Retry-After, so the caller can reschedule.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit for one HTTP attempt (connect, send, response headers and body).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit for one call with all its retries and waits for Retry-After.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The longest a send waits for room in its conversation's rate limits (Teams' per-thread
    /// limits) before it fails with a <see cref="ConnectorException"/> of status 429.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Conversations the rate limiter tracks before it forgets idle ones early (30 s, then 2 s
    /// without a send); below this, a conversation is forgotten after an hour without a send.
    /// </summary>
    public int MaxTrackedConversations { get; set; } = 50_000;

    /// <summary>
    /// Hosts that may receive the bot's token (a leading "*." allows subdomains). An Entra token
    /// carries no serviceurl claim, so without this list any caller in the tenant could name a
    /// serviceUrl and collect the bot's token. An activity from a serviceUrl outside this list is
    /// refused before its turn runs.
    /// </summary>
    public IList<string> TrustedServiceUrlHosts { get; } =
    [
        "smba.trafficmanager.net",
        "*.botframework.com",
        "*.teams.microsoft.com",
        "*.botframework.us",
        "*.teams.microsoft.us",
    ];

    /// <summary>
    /// Whether a bot with an app id accepts loopback serviceUrls and sends its token there: only
    /// for tests and a local emulator. Without an app id (local mode) loopback is always allowed.
    /// </summary>
    public bool TrustLoopbackServiceUrl { get; set; }
}
