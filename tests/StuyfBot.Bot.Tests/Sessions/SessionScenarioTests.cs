using System.Net;
using System.Text.Json.Nodes;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Sessions;

/// <summary>
/// A whole session over real HTTP with a loopback connector: start, six check-ins, a volunteer,
/// a refused non-moderator, dividing the roles, a restart of the bot in the middle, a handover,
/// and closing with confirmation. Runs on the file store and on Azurite.
/// </summary>
public abstract class SessionScenarioTests : IAsyncLifetime
{
    private const string Group = "19:stuyfplek-kortrijk@thread.v2";
    private static readonly string[] People = ["29:user-1", "29:user-2", "29:user-3", "29:user-4", "29:user-5", "29:user-6"];
    private static readonly string[] Names = ["An Peeters", "Jef Claes", "Fatima El Amrani", "Lotte Vermeulen", "Koen De Smet", "Sofie Janssens"];

    protected LoopbackConnector Connector { get; private set; } = null!;

    private BotServer _bot = null!;

    public virtual async Task InitializeAsync()
    {
        Connector = await LoopbackConnector.StartAsync();
        var settings = await StorageSettingsAsync();
        settings["Sessions:CardUpdateInterval"] = "00:00:00.200";
        _bot = await BotServer.StartAsync(settings);
    }

    public virtual async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await Connector.DisposeAsync();
    }

    protected abstract Task<Dictionary<string, string?>> StorageSettingsAsync();

    [Fact]
    public async Task A_connectortafel_from_start_to_close()
    {
        // Start: one live card, posted without text so its id comes back.
        await PostOk(Activities.Mention(Connector.ServiceUrl, "start connectortafel Wijkcentrum", Group));
        var cardPost = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.Null(cardPost.Text);
        Assert.Contains("Wijkcentrum", cardPost.Card!.ToJsonString(), StringComparison.Ordinal);
        var sessionId = SessionIdIn(cardPost.Card!);
        var cardId = "act-1";

        // A second start points to the open session instead of making another.
        await PostOk(Activities.Mention(Connector.ServiceUrl, "start open huys", Group, fromId: People[2], fromName: Names[2]));
        var refusal = (await Connector.WaitForAsync(c => c.Method == "POST" && c.Text is not null)).Last();
        Assert.Contains("sessie", refusal.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Connector.Calls, c => c.Method == "POST" && c.Card is not null);

        // Six people are here: the moderator checked in by starting, five press "Ik ben er".
        for (var i = 1; i < People.Length; i++)
        {
            var view = await Invoke("session.checkIn", sessionId, i);
            Assert.Contains(Names[i], view.ToJsonString(), StringComparison.Ordinal);
        }

        // The bot restarts in the middle: nothing changes for the people.
        await _bot.RestartAsync();

        // A volunteer takes a role; someone who is not the moderator cannot divide the roles.
        await Invoke("session.takeRole", sessionId, 1, new JsonObject { ["role"] = "timekeeper" });
        var notModerator = await InvokeRaw("session.divideRoles", sessionId, 2);
        Assert.Equal("application/vnd.microsoft.activity.message", notModerator["type"]!.GetValue<string>());
        Assert.Contains("moderator", notModerator["value"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        // The moderator divides the free roles: the announcement @mentions the people.
        Connector.Clear();
        var divided = await Invoke("session.divideRoles", sessionId, 0);
        var announcement = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Text is not null));
        var mentions = announcement.Body!["entities"]!.AsArray().Select(e => e!["mentioned"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(2, mentions.Count);
        Assert.Equal(mentions.Count, mentions.Distinct().Count());
        Assert.DoesNotContain(People[0], mentions);
        Assert.DoesNotContain(People[1], mentions);
        Assert.All(mentions, m => Assert.Contains(m, People));
        Assert.Contains("Jef Claes", divided.ToJsonString(), StringComparison.Ordinal);

        // Everyone's shared card is updated (folded into few updates).
        var update = await Connector.WaitForAsync(c => c.Method == "PUT" && c.Path.EndsWith("/" + cardId, StringComparison.Ordinal));
        var shared = update[^1].Card!.ToJsonString();
        Assert.All(Names, name => Assert.Contains(name, shared, StringComparison.Ordinal));
        Assert.DoesNotContain("session.divideRoles", shared, StringComparison.Ordinal);

        // The moderator hands over to Lotte; An can no longer close, Lotte can, after confirming.
        await Invoke("session.handOver", sessionId, 0, new JsonObject { ["handOverPerson"] = People[3] });
        var refusedClose = await InvokeRaw("session.close", sessionId, 0);
        Assert.Equal("application/vnd.microsoft.activity.message", refusedClose["type"]!.GetValue<string>());
        var confirm = await Invoke("session.close", sessionId, 3);
        Assert.Contains("session.closeConfirm", confirm.ToJsonString(), StringComparison.Ordinal);
        Connector.Clear();
        var closed = await Invoke("session.closeConfirm", sessionId, 3);
        Assert.DoesNotContain("session.checkIn", closed.ToJsonString(), StringComparison.Ordinal);

        // Everyone's card ends closed, without buttons. An update that read the session before the
        // close (the handover's, folded into the next interval) may still arrive after Clear, so
        // wait for the update that shows the session closed, not for just any update.
        var closedCard = (await Connector.WaitForAsync(c => IsCardUpdate(c, cardId) && IsClosed(c.Card!))).Last().Card!;
        Assert.DoesNotContain("session.checkIn", closedCard.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(CardReading.Verbs(closedCard));

        // A card of the closed session no longer acts; a new session can start.
        var outdated = await InvokeRaw("session.checkIn", sessionId, 5);
        Assert.Equal("application/vnd.microsoft.activity.message", outdated["type"]!.GetValue<string>());

        // No older state came after the closed card: its last update is still the closed one.
        var lastUpdate = Connector.Calls.Last(c => IsCardUpdate(c, cardId)).Card!;
        Assert.True(IsClosed(lastUpdate), lastUpdate.ToJsonString());
        Assert.DoesNotContain("session.checkIn", lastUpdate.ToJsonString(), StringComparison.Ordinal);
        Connector.Clear();
        await PostOk(Activities.Mention(Connector.ServiceUrl, "start open huys", Group, fromId: People[4], fromName: Names[4]));
        var second = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.NotEqual(sessionId, SessionIdIn(second.Card!));
    }

    [Fact]
    public async Task Sessions_start_only_in_groups_and_bad_card_data_changes_nothing()
    {
        await PostOk(Activities.Message(Connector.ServiceUrl, "start connectortafel"));
        var reply = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Contains("groepschat", reply.Text, StringComparison.Ordinal);

        var unknown = await InvokeRaw("session.checkIn", "no-such-session", 0);
        Assert.Equal("application/vnd.microsoft.activity.message", unknown["type"]!.GetValue<string>());
        var noRole = await InvokeRaw("session.takeRole", "x", 0, new JsonObject { ["role"] = "emperor" });
        Assert.Equal("application/vnd.microsoft.activity.message", noRole["type"]!.GetValue<string>());
        Assert.DoesNotContain(Connector.Calls, c => c.Card is not null);
    }

    [Fact]
    public async Task A_meeting_start_offers_a_session_and_its_end_offers_to_close_it()
    {
        await PostOk(MeetingEvent("application/vnd.microsoft.meetingStart"));
        var offer = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.Contains("session.start", offer.Card!.ToJsonString(), StringComparison.Ordinal);

        Connector.Clear();
        var started = await InvokeRaw("session.start", null, 0, new JsonObject { ["kind"] = "openHuys" });
        Assert.Equal("application/vnd.microsoft.activity.message", started["type"]!.GetValue<string>());
        var card = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        var sessionId = SessionIdIn(card.Card!);

        Connector.Clear();
        await PostOk(MeetingEvent("application/vnd.microsoft.meetingEnd"));
        var closeOffer = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.Contains("session.close", closeOffer.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(sessionId, closeOffer.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    private JsonObject MeetingEvent(string name)
    {
        // As Teams sends it: an event activity in the meeting's chat, with the meeting in channelData.
        var activity = Activities.Message(Connector.ServiceUrl, string.Empty, Group, "groupChat");
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["type"] = "event";
        activity["name"] = name;
        activity["from"] = new JsonObject { ["id"] = "29:user-1", ["aadObjectId"] = "aad-1" };
        activity["value"] = new JsonObject
        {
            ["Id"] = "MCMxOTptZWV0aW5n",
            ["MeetingType"] = "Scheduled",
            ["JoinUrl"] = "https://teams.microsoft.com/l/meetup-join/x",
            ["Title"] = "Connectortafel",
            [name.EndsWith("Start", StringComparison.Ordinal) ? "StartTime" : "EndTime"] = "2026-11-21T18:00:00Z",
        };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = Activities.TenantId },
            ["meeting"] = new JsonObject { ["id"] = "MCMxOTptZWV0aW5n" },
            ["eventType"] = name.EndsWith("Start", StringComparison.Ordinal) ? "MeetingStart" : "MeetingEnd",
        };
        return activity;
    }

    private static bool IsCardUpdate(ConnectorCall call, string cardId) =>
        call.Method == "PUT" && call.Path.EndsWith("/" + cardId, StringComparison.Ordinal) && call.Card is not null;

    /// <summary>The shared card shows the session closed (the group speaks Flemish).</summary>
    private static bool IsClosed(JsonObject card) => CardReading.Facts(card).GetValueOrDefault("Status") == "Afgesloten";

    private async Task PostOk(JsonObject activity)
    {
        using var response = await _bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Presses a card button; expects the person's own refreshed card back.</summary>
    private async Task<JsonObject> Invoke(string verb, string sessionId, int person, JsonObject? data = null)
    {
        var body = await InvokeRaw(verb, sessionId, person, data);
        Assert.True(body["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"{verb} by {Names[person]}: {body.ToJsonString()}");
        return body["value"]!.AsObject();
    }

    private async Task<JsonObject> InvokeRaw(string verb, string? sessionId, int person, JsonObject? data = null)
    {
        data ??= [];
        if (sessionId is not null)
        {
            data["sessionId"] = sessionId;
        }

        using var response = await _bot.PostActivityAsync(Activities.CardAction(Connector.ServiceUrl, verb, data, Group, "groupChat", People[person], Names[person], replyToId: "act-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        return body;
    }

    private static string SessionIdIn(JsonNode node) => node switch
    {
        JsonObject o when o["sessionId"] is JsonValue v => v.GetValue<string>(),
        JsonObject o => o.Select(p => p.Value is null ? null : TryFind(p.Value)).FirstOrDefault(s => s is not null) ?? throw new InvalidOperationException("no sessionId"),
        JsonArray a => a.Select(i => i is null ? null : TryFind(i)).FirstOrDefault(s => s is not null) ?? throw new InvalidOperationException("no sessionId"),
        _ => throw new InvalidOperationException("no sessionId"),
    };

    private static string? TryFind(JsonNode node)
    {
        try
        {
            return SessionIdIn(node);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

public sealed class SessionScenarioOnFileStoreTests : SessionScenarioTests
{
    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N")),
        });
}

public sealed class SessionScenarioOnAzuriteTests : SessionScenarioTests
{
    private readonly string _azuriteData = Path.Combine(Path.GetTempPath(), "stuyfbot-azurite", Guid.NewGuid().ToString("N"));
    private AzuriteServer _azurite = null!;

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_azuriteData);
        _azurite = await AzuriteServer.StartAsync(new AzuriteSettings { Location = _azuriteData });
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_azuriteData, recursive: true);
    }

    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:ConnectionString"] = _azurite.ConnectionString });
}
