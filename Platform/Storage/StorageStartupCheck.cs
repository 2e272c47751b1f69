using Microsoft.Extensions.Options;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Storage;

/// <summary>
/// Before the bot answers anything: creates the container (or data folder), proves a write and a
/// read, and loads the keyed-hash secret. If that fails the host does not start, and the error
/// names the setting to fix (Storage:ConnectionString, Storage:AccountUrl or Storage:DataPath).
/// </summary>
public sealed partial class StorageStartupCheck : IHostedService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IServiceProvider _services;
    private readonly StorageOptions _options;
    private readonly ILogger<StorageStartupCheck> _log;

    public StorageStartupCheck(IServiceProvider services, IOptions<StorageOptions> options, ILogger<StorageStartupCheck> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _log = log;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        string? location = null;
        try
        {
            // Resolved here rather than injected, so a wrong setting fails with its own message.
            var store = _services.GetRequiredService<IDocumentStore>();
            location = store.Location;
            await store.EnsureReadyAsync(timeout.Token).ConfigureAwait(false);
            await _services.GetRequiredService<KeyedHashProvider>().GetAsync(timeout.Token).ConfigureAwait(false);
            LogReady(location);
        }
        catch (StorageSettingException ex)
        {
            LogUnusable(ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is StorageUnavailableException or StoredDocumentException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : ex.Message;
            var failure = new StorageSettingException(_options.SelectedSetting, $"the storage it selects ({location ?? "?"}) is not usable: {reason}", ex);
            LogUnusable(failure.Message);
            throw failure;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready at {Location}")]
    private partial void LogReady(string location);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bot cannot start: {Problem}")]
    private partial void LogUnusable(string problem);
}
