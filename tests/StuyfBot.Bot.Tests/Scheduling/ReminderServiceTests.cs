using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Platform.Scheduling;
using static StuyfBot.Bot.Tests.Scheduling.Reminders;

namespace StuyfBot.Bot.Tests.Scheduling;

/// <summary>
/// The real bot host (AddStuyfBot wires reminders in) with its hosted reminder service on a
/// manual clock: its timer fires reminders, and a restarted bot fires the ones due while it was down.
/// </summary>
public sealed class ReminderServiceTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public ReminderServiceTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task The_bot_fires_reminders_on_its_timer_and_after_a_restart_on_the_data_folder()
    {
        using var folder = new TempFolder();
        await FiresOnTimerAndAfterRestartAsync(new Dictionary<string, string?> { ["Storage:DataPath"] = folder.Path });
    }

    [Fact]
    public async Task The_bot_fires_reminders_on_its_timer_and_after_a_restart_on_azurite()
    {
        await FiresOnTimerAndAfterRestartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.Server.ConnectionString,
            ["Storage:Container"] = AzuriteFixture.NewContainer(),
        });
    }

    [Fact]
    public async Task A_lease_no_longer_than_the_handler_timeout_stops_the_bot_naming_the_setting()
    {
        using var folder = new TempFolder();
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = folder.Path,
            ["Reminders:HandlerTimeout"] = "00:02:00",
            ["Reminders:LeaseDuration"] = "00:01:00",
        }));

        Assert.Contains("Reminders:LeaseDuration", failure.Message, StringComparison.Ordinal);
    }

    private static async Task FiresOnTimerAndAfterRestartAsync(Dictionary<string, string?> storage)
    {
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var bot = await StartBotAsync(storage, clock, handler);
        try
        {
            var scheduler = bot.Services.GetRequiredService<IReminderScheduler>();
            await scheduler.ScheduleAsync(New("r1", T0.AddSeconds(5)), default);
            clock.Advance(TimeSpan.FromSeconds(5));
            await handler.FirstCall.WaitAsync(Patience);
            Assert.Equal(TimeSpan.Zero, Assert.Single(handler.Calls).Lateness);

            // Due a minute later; the bot is down for four minutes around it.
            await scheduler.ScheduleAsync(New("r2", T0.AddSeconds(65)), default);
        }
        finally
        {
            await bot.DisposeAsync();
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        var restartedHandler = new RecordingHandler();
        await using var restarted = await StartBotAsync(storage, clock, restartedHandler);
        await restartedHandler.FirstCall.WaitAsync(Patience);

        var call = Assert.Single(restartedHandler.Calls);
        Assert.Equal("r2", call.ReminderId);
        Assert.Equal(TimeSpan.FromMinutes(3), call.Lateness);
        Assert.Single(handler.Calls);
    }

    private static Task<BotServer> StartBotAsync(Dictionary<string, string?> storage, TimeProvider clock, IReminderHandler handler) =>
        BotServer.StartAsync(storage, builder =>
        {
            builder.Services.AddSingleton(clock);
            builder.Services.AddSingleton(handler);
        });
}
