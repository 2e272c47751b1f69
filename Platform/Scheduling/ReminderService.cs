using Microsoft.Extensions.Options;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Platform.Scheduling;

/// <summary>
/// Runs the <see cref="ReminderDispatcher"/> every Reminders:PollInterval on the
/// <see cref="TimeProvider"/>, once right at start (to catch up after downtime), and sweeps old
/// claims every Reminders:SweepInterval. On stop it takes no new reminders but lets the ones in
/// flight finish and be recorded; only when the host's shutdown timeout runs out are they
/// abandoned, and then their leases hand them to another instance (or the next start).
/// </summary>
public sealed partial class ReminderService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly ReminderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReminderService> _log;
    private readonly CancellationTokenSource _abandon = new();

    public ReminderService(IServiceProvider services, IOptions<ReminderOptions> options, TimeProvider time, ILogger<ReminderService> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _time = time;
        _log = log;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(_abandon.Cancel))
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Made before the first await, so a tick of the clock is never missed.
        using var timer = new PeriodicTimer(_options.PollInterval, _time);

        // Resolved only now, after the storage startup check has run: a wrong storage setting
        // then stops the bot with that check's message rather than while building this service.
        var dispatcher = _services.GetRequiredService<ReminderDispatcher>();
        LogStarted(dispatcher.InstanceId, _options.PollInterval);
        var nextSweep = DateTimeOffset.MinValue;
        try
        {
            do
            {
                nextSweep = await PollAsync(dispatcher, nextSweep, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<DateTimeOffset> PollAsync(ReminderDispatcher dispatcher, DateTimeOffset nextSweep, CancellationToken stoppingToken)
    {
        try
        {
            var pass = await dispatcher.RunOnceAsync(_abandon.Token, stoppingToken).ConfigureAwait(false);
            if (pass.Fired + pass.Failed + pass.Parked > 0)
            {
                LogPass(pass.Due, pass.Fired, pass.Failed, pass.Parked);
            }

            var now = _time.GetUtcNow();
            if (now >= nextSweep && !stoppingToken.IsCancellationRequested)
            {
                await dispatcher.SweepAsync(stoppingToken).ConfigureAwait(false);
                return now + _options.SweepInterval;
            }
        }
        catch (StorageUnavailableException ex)
        {
            LogPollFailed(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A defect in one pass must not stop the host (and with it every later reminder).
            LogPassBroken(ex);
        }

        return nextSweep;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: instance {InstanceId} polls every {PollInterval}")]
    private partial void LogStarted(string instanceId, TimeSpan pollInterval);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminders pass: {Due} due, {Fired} fired, {Failed} failed, {Parked} parked")]
    private partial void LogPass(int due, int fired, int failed, int parked);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders: storage unavailable during a pass; trying again at the next poll")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminders: a pass failed unexpectedly; trying again at the next poll")]
    private partial void LogPassBroken(Exception exception);
}
