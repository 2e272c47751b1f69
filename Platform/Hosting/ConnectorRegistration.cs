using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Platform.Hosting;

/// <summary>
/// The outbound Bot Connector: <see cref="IConversationClient"/> on a pooled HttpClient whose
/// handlers are, outside in: retries (<see cref="ConnectorResilienceHandler"/>), the bearer
/// token (<see cref="BotTokenHandler"/>), then SocketsHttpHandler.
/// </summary>
public static class ConnectorRegistration
{
    public static IServiceCollection AddConversationClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.Section))
            .Validate(Valid, "Bot:Connector settings out of range: MaxAttempts 1-10, MaxTrackedConversations > 0, delays and timeouts positive (timeouts at least 10 ms).")
            .ValidateOnStart();
        services.AddOptions<BotOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotCredentialValidation>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            return new BotTokenProvider(BotCredentials.Create(options), options.TenantId, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ConversationRateLimiter>();
        services.AddSingleton<ConnectorResilience>();
        services.AddTransient<ConnectorResilienceHandler>();
        services.AddTransient<BotTokenHandler>();

        // Polly owns the timeouts, so HttpClient's own is off; the pool (not the factory's handler
        // rotation) recycles connections, so one handler chain lives for the whole process.
        services.AddHttpClient<IConversationClient, ConversationClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                MaxConnectionsPerServer = 256,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<ConnectorResilienceHandler>()
            .AddHttpMessageHandler<BotTokenHandler>();
        return services;
    }

    private static bool Valid(ConnectorOptions o) =>
        o.MaxAttempts is >= 1 and <= 10
        && o.MaxTrackedConversations > 0
        && o.RetryDelay > TimeSpan.Zero
        && o.MaxRetryAfter >= TimeSpan.Zero
        && o.MaxRateLimitWait >= TimeSpan.Zero
        && o.AttemptTimeout >= TimeSpan.FromMilliseconds(10)
        && o.TotalTimeout >= o.AttemptTimeout;

    /// <summary>Fails startup when Bot:AppId is set but the credential settings are missing or ambiguous.</summary>
    private sealed class BotCredentialValidation : IValidateOptions<BotOptions>
    {
        public ValidateOptionsResult Validate(string? name, BotOptions options) =>
            BotCredentials.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
