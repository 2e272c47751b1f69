using System.Text.Json.Nodes;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Timers;
using StuyfBot.Platform.Scheduling;
using static StuyfBot.Bot.Tests.Pitches.TimerRig;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// The timekeeper's alerts through the real host: a pitch comes up (its timer starts), the
/// reminders are stored, and the bot's reminder service posts each alert to the group when the
/// manual clock reaches it. A connectortafel gives 5 minutes to the pitch and 10 to the answers,
/// so the alerts fall at 4, 5, 14 and 15 minutes. Runs on the file store and on Azurite.
/// </summary>
public abstract class TimerAlertTests
{
    private const string NlWarningPitch = "⏳ Nog 1 min. voor de pitch.";
    private const string NlTimeUpPitch = "⏰ Tijd! De pitch is om. Nu is het aan jullie: 10 minuten voor tips, contacten, aanbiedingen en vragen.";
    private const string NlWarningAnswers = "⏳ Nog 1 min. voor de antwoorden.";
    private const string NlTimeUpAnswers = "⏰ Tijd! De antwoordronde is om. Pitcher, noteer gerust je volgende stap.";
    private const string NlLate = " (te laat, de bot was even weg)";

    protected abstract Dictionary<string, string?> Storage();

    [Theory]
    [InlineData("nl-BE", "start connectortafel", NlWarningPitch, NlTimeUpPitch, NlWarningAnswers, NlTimeUpAnswers)]
    [InlineData(
        "en-US",
        "start connector table",
        "⏳ 1 min. left for the pitch.",
        "⏰ Time! The pitch is over. Now it's your turn: 10 minutes for tips, contacts, offers and questions.",
        "⏳ 1 min. left for the answers.",
        "⏰ Time! The answer round is over. Pitcher, do note your next step.")]
    public async Task A_running_timer_warns_before_each_phase_ends_and_says_time_once_each_in_the_groups_language(
        string locale, string start, string warningPitch, string timeUpPitch, string warningAnswers, string timeUpAnswers)
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig, locale, start);
        await group.PitchAsync(0);
        await group.RunAsync(new NextPitch());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(59));
        Assert.Empty(group.Alerts());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(4));
        Assert.Equal([warningPitch], group.Alerts());
        var warning = Assert.Single(rig.AlertsIn(group.ConversationId));
        Assert.Equal(locale, warning.Body!["locale"]!.GetValue<string>());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(5));
        Assert.Equal([warningPitch, timeUpPitch], group.Alerts());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(14));
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(15));
        await rig.AdvanceToAsync(TimeSpan.FromHours(1));
        Assert.Equal([warningPitch, timeUpPitch, warningAnswers, timeUpAnswers], group.Alerts());
        Assert.All(await rig.AlertClaimsAsync(), c => Assert.Equal(ReminderState.Done, c.State));
    }

    [Fact]
    public async Task The_timekeeper_presses_start_on_the_live_card_and_the_warning_arrives()
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig);
        await group.CheckInAsync(1);
        await group.PressAsync("session.takeRole", 1, new JsonObject { ["role"] = "timekeeper" });
        await group.PressAsync("session.pitch.submit", 0, new JsonObject { ["pitchAlive"] = "Een buurtmoestuin", ["pitchVisibility"] = "group" });
        await group.PressAsync("session.pitch.next", 0);

        // The timekeeper stops the timer "Volgende pitch" started, and starts it again a minute later.
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(1));
        await group.PressAsync("session.timer.stop", 1);
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(2));
        await group.PressAsync("session.timer.start", 1);

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));
        Assert.Empty(group.Alerts());
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(6));
        Assert.Equal([NlWarningPitch], group.Alerts());
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(7));
        Assert.Equal([NlWarningPitch, NlTimeUpPitch], group.Alerts());
    }

    [Fact]
    public async Task A_paused_timer_posts_nothing_until_it_runs_again_then_warns_once()
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig);
        await group.PitchAsync(0);
        await group.RunAsync(new NextPitch());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(2));
        await group.RunAsync(new ControlTimer(TimerControl.Pause));
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(30));
        Assert.Empty(group.Alerts());

        // Two minutes of the pitch ran: the warning comes two minutes after resuming.
        await group.RunAsync(new ControlTimer(TimerControl.Resume));
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(31) + TimeSpan.FromSeconds(59));
        Assert.Empty(group.Alerts());
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(32));
        Assert.Equal([NlWarningPitch], group.Alerts());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(33));
        Assert.Equal([NlWarningPitch, NlTimeUpPitch], group.Alerts());
    }

    [Fact]
    public async Task A_stopped_timer_posts_nothing()
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig);
        await group.PitchAsync(0);
        await group.RunAsync(new NextPitch());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(3));
        await group.RunAsync(new ControlTimer(TimerControl.Stop));
        await rig.AdvanceToAsync(TimeSpan.FromHours(1));

        Assert.Empty(group.Alerts());
        var claims = await rig.AlertClaimsAsync();
        Assert.Equal(4, claims.Count);
        Assert.All(claims, c => Assert.Equal(ReminderState.Done, c.State));
    }

    [Fact]
    public async Task The_next_pitch_drops_the_alerts_of_the_one_before_and_brings_its_own()
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig);
        await group.CheckInAsync(1);
        await group.PitchAsync(0);
        await group.PitchAsync(1);
        await group.RunAsync(new NextPitch());

        // The first pitch's warning (4:00) and "Tijd!" (5:00) would come after the second pitch came up.
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(2));
        await group.RunAsync(new NextPitch());
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));
        Assert.Empty(group.Alerts());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(6));
        Assert.Equal([NlWarningPitch], group.Alerts());
    }

    [Fact]
    public async Task Two_more_minutes_moves_the_warning_and_the_end()
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig);
        await group.PitchAsync(0);
        await group.RunAsync(new NextPitch());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(30));
        await group.RunAsync(new ControlTimer(TimerControl.Extend));
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));
        Assert.Empty(group.Alerts());

        await rig.AdvanceToAsync(TimeSpan.FromMinutes(6));
        Assert.Equal([NlWarningPitch], group.Alerts());
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(7));
        Assert.Equal([NlWarningPitch, NlTimeUpPitch], group.Alerts());
    }

    [Fact]
    public async Task Alerts_survive_restarts_come_once_and_say_they_are_late_when_the_bot_was_away()
    {
        await using var rig = await StartAsync(Storage());
        var group = await TimerGroup.StartAsync(rig);
        await group.PitchAsync(0);
        await group.RunAsync(new NextPitch());

        // Down from 0:00 to 3:30: back before the warning, which comes on time.
        await rig.StopBotAsync();
        rig.Clock.Advance(TimeSpan.FromMinutes(3.5));
        await rig.StartBotAsync();
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(4));
        Assert.Equal([NlWarningPitch], group.Alerts());

        // Down from 4:00 to 5:40: "Tijd!" comes at the start, 40 s late (more than Sessions:Timers:LateAfter, 30 s).
        await rig.StopBotAsync();
        rig.Clock.Advance(TimeSpan.FromSeconds(100));
        await rig.StartBotAsync();
        await rig.SettleAsync();
        Assert.Equal([NlWarningPitch, NlTimeUpPitch + NlLate], group.Alerts());

        // Down from 13:30 to 15:40, through the answers' warning and their end: only "Tijd!", late.
        await rig.AdvanceToAsync(TimeSpan.FromMinutes(13.5));
        await rig.StopBotAsync();
        rig.Clock.Advance(TimeSpan.FromSeconds(130));
        await rig.StartBotAsync();
        await rig.SettleAsync();
        await rig.AdvanceToAsync(TimeSpan.FromHours(1));
        Assert.Equal([NlWarningPitch, NlTimeUpPitch + NlLate, NlTimeUpAnswers + NlLate], group.Alerts());
        Assert.All(await rig.AlertClaimsAsync(), c => Assert.Equal(ReminderState.Done, c.State));
    }
}

public sealed class TimerAlertOnFileStoreTests : TimerAlertTests, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override Dictionary<string, string?> Storage() => new() { ["Storage:DataPath"] = _folder.Path };
}

public sealed class TimerAlertOnAzuriteTests : TimerAlertTests, IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public TimerAlertOnAzuriteTests(AzuriteFixture azurite) => _azurite = azurite;

    protected override Dictionary<string, string?> Storage() => new()
    {
        ["Storage:ConnectionString"] = _azurite.Server.ConnectionString,
        ["Storage:Container"] = AzuriteFixture.NewContainer(),
    };
}
