using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Platform.Scheduling;
using Xunit.Abstractions;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// Two bot instances (two real hosts, each with its own reminder service and instance id) on one
/// store and one clock: both look for due alerts at the same ticks, and every alert of every
/// group is posted exactly once.
/// </summary>
public sealed class TimerAlertTwoInstanceTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int Groups = 6;

    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;
    private readonly TempFolder _folder = new();

    public TimerAlertTwoInstanceTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task Two_instances_on_one_data_folder_post_each_alert_exactly_once() =>
        EachAlertOnceAsync(new() { ["Storage:DataPath"] = _folder.Path });

    [Fact]
    public Task Two_instances_on_one_azurite_container_post_each_alert_exactly_once() =>
        EachAlertOnceAsync(new()
        {
            ["Storage:ConnectionString"] = _azurite.Server.ConnectionString,
            ["Storage:Container"] = AzuriteFixture.NewContainer(),
        });

    private async Task EachAlertOnceAsync(Dictionary<string, string?> storage)
    {
        await using var rig = await TimerRig.StartAsync(storage, instances: 2);

        // Half of the groups talk to one instance, half to the other.
        var groups = new List<TimerGroup>();
        for (var i = 0; i < Groups; i++)
        {
            var group = await TimerGroup.StartAsync(rig, instance: i % 2);
            await group.PitchAsync(0, instance: i % 2);
            await group.RunAsync(new NextPitch(), instance: (i + 1) % 2);
            groups.Add(group);
        }

        var expected = new List<string>();
        foreach (var (at, text) in new[]
        {
            (4, "⏳ Nog 1 min. voor de pitch."),
            (5, "⏰ Tijd! De pitch is om. Nu is het aan jullie: 10 minuten voor tips, contacten, aanbiedingen en vragen."),
            (14, "⏳ Nog 1 min. voor de antwoorden."),
            (15, "⏰ Tijd! De antwoordronde is om. Pitcher, noteer gerust je volgende stap."),
        })
        {
            await rig.AdvanceToAsync(TimeSpan.FromMinutes(at));
            expected.Add(text);
            Assert.All(groups, g => Assert.Equal(expected, g.Alerts()));
        }

        await rig.AdvanceToAsync(TimeSpan.FromHours(1));
        Assert.All(groups, g => Assert.Equal(expected, g.Alerts()));

        var claims = await rig.AlertClaimsAsync();
        Assert.Equal(Groups * expected.Count, claims.Count);
        Assert.All(claims, c => Assert.Equal(ReminderState.Done, c.State));
        Assert.All(claims, c => Assert.Equal(1, c.Attempts));
        foreach (var owner in claims.GroupBy(c => c.Owner))
        {
            _output.WriteLine($"{owner.Key} fired {owner.Count()} alerts");
        }
    }
}
