using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Bot.Tests.Connector;

/// <summary>
/// The bot's real connector registration (AddConversationClient) in a service provider, with
/// settings as configuration keys, short retry delays, and every log entry kept.
/// </summary>
public sealed class ConnectorHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConnectorHost(ServiceProvider services, ListLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public IServiceProvider Services => _services;

    public IConversationClient Client => _services.GetRequiredService<IConversationClient>();

    public ListLoggerProvider Logs { get; }

    /// <summary>The retry log entries (the connector's structured "Retrying ..." warnings).</summary>
    public IReadOnlyList<LogEntry> Retries => [.. Logs.Entries.Where(e => e.Category == typeof(ConnectorResilience).FullName)];

    public static ConnectorHost Start(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Bot:Connector:RetryDelay"] = "00:00:00.020",
            ["Bot:Connector:MaxRetryAfter"] = "00:00:05",
            ["Bot:Connector:AttemptTimeout"] = "00:00:05",
            ["Bot:Connector:TotalTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section));
        services.AddConversationClient(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        try
        {
            // What the generic host does at start: run the ValidateOnStart validations.
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new ConnectorHost(provider, logs);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
