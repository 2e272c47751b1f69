using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Sessions;

/// <summary>
/// Forty people press "Ik ben er" at the same moment, over real HTTP: each gets their own card
/// showing them present, the stored session has all of them, and the shared card ends up
/// showing everyone after a few folded updates. Runs on the file store and on Azurite.
/// </summary>
public abstract class CheckInBurstTests : IAsyncLifetime
{
    private const string Group = "19:burst-kortrijk@thread.v2";
    private const int People = 40;

    private LoopbackConnector _connector = null!;
    private BotServer _bot = null!;

    public virtual async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        var settings = await StorageSettingsAsync();
        settings["Sessions:CardUpdateInterval"] = "00:00:00.200";
        _bot = await BotServer.StartAsync(settings);
    }

    public virtual async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    protected abstract Task<Dictionary<string, string?>> StorageSettingsAsync();

    [Fact]
    public async Task Everyone_who_presses_at_once_is_checked_in_once_and_on_the_shared_card()
    {
        using (var started = await _bot.PostActivityAsync(Activities.Mention(_connector.ServiceUrl, "start connectortafel", Group, fromId: "29:moderator", fromName: "Moderator")))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        var card = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        var sessionId = card.Card!.ToJsonString().Split("\"sessionId\":\"")[1].Split('"')[0];
        var names = Enumerable.Range(1, People).Select(i => $"Deelnemer {i:00}").ToList();

        var answers = await Task.WhenAll(names.Select((name, i) => Task.Run(() => CheckInAsync(sessionId, $"29:person-{i:00}", name))));

        for (var i = 0; i < People; i++)
        {
            Assert.True(answers[i]["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"{names[i]}: {answers[i].ToJsonString()}");
            Assert.Contains(names[i], answers[i]["value"]!.ToJsonString(), StringComparison.Ordinal);
        }

        var everyone = names.Append("Moderator").ToList();
        var stored = await _bot.Services.GetRequiredService<ConversationSessionStore>().ReadAsync(Group, default);
        Assert.Equal(everyone.Order(), stored!.Current!.Participants.Select(p => p.Name).Order());
        Assert.All(stored.Current.Participants, p => Assert.Equal(Presence.Present, p.Presence));

        var updates = await _connector.WaitForAsync(c => c.Method == "PUT" && everyone.All(n => c.Card!.ToJsonString().Contains(n, StringComparison.Ordinal)));
        Assert.InRange(_connector.Calls.Count(c => c.Method == "PUT"), 1, People - 1);
        Assert.Contains($"({everyone.Count})", updates[^1].Card!.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> CheckInAsync(string sessionId, string personId, string name)
    {
        var invoke = Activities.CardAction(_connector.ServiceUrl, "session.checkIn", new JsonObject { ["sessionId"] = sessionId }, Group, "groupChat", personId, name, replyToId: "act-1");
        using var response = await _bot.PostActivityAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}

public sealed class CheckInBurstOnFileStoreTests : CheckInBurstTests
{
    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N")),
        });
}

public sealed class CheckInBurstOnAzuriteTests : CheckInBurstTests
{
    private AzuriteServer _azurite = null!;

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:ConnectionString"] = _azurite.ConnectionString });
}
