using System.Net;
using System.Text.Json.Nodes;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Infrastructure.CardReading;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// The pitch round over real HTTP with a loopback connector: three pitches added live (one for
/// the group, one for the facilitators only, one without a name), "Volgende pitch", answers of
/// every kind (one redelivered), a restart of the bot in the middle of a pitch, the next step,
/// the timer buttons, the scribe's notes, and a typed "sluit af". What reaches the group never
/// carries a facilitators-only pitch or an anonymous pitcher's name. File store and Azurite.
/// </summary>
public abstract class RoundScenarioTests : IAsyncLifetime
{
    private const string Group = "19:stuyfplek-gent@thread.v2";
    private const string GroupPitch = "LOTTE-ALIVE zoekt een repair café";
    private const string SecretPitch = "KOEN-SECRET schulden en schaamte";
    private const string AnonymousPitch = "SOFIE-ANON wil leren fietsen";
    private static readonly string[] People = ["29:an", "29:jef", "29:fatima", "29:lotte", "29:koen", "29:sofie"];
    private static readonly string[] Names = ["An Peeters", "Jef Claes", "Fatima El Amrani", "Lotte Vermeulen", "Koen De Smet", "Sofie Janssens"];

    private BotServer _bot = null!;

    protected LoopbackConnector Connector { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Connector = await LoopbackConnector.StartAsync();
        var settings = await StorageSettingsAsync();
        settings["Sessions:CardUpdateInterval"] = "00:00:00.100";
        _bot = await BotServer.StartAsync(settings);
    }

    public virtual async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await Connector.DisposeAsync();
    }

    protected abstract Task<Dictionary<string, string?>> StorageSettingsAsync();

    [Fact]
    public async Task Three_pitches_answered_noted_and_timed_with_a_restart_in_the_middle()
    {
        await PostOk(Activities.Mention(Connector.ServiceUrl, "start connectortafel", Group, People[0], Names[0]));
        var sessionId = SessionIdIn((await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null))[0].Card!);
        for (var i = 1; i < People.Length; i++)
        {
            await Invoke("session.checkIn", sessionId, i);
        }

        await Invoke("session.takeRole", sessionId, 1, new JsonObject { ["role"] = "timekeeper" });
        await Invoke("session.takeRole", sessionId, 2, new JsonObject { ["role"] = "chatScribe" });

        // Three pitches added live, each with its own audience.
        await Invoke("session.pitch.submit", sessionId, 3, Pitch(GroupPitch, "group"));
        await Invoke("session.pitch.submit", sessionId, 4, Pitch(SecretPitch, "facilitators"));
        await Invoke("session.pitch.submit", sessionId, 5, Pitch(AnonymousPitch, "anonymous"));
        var badVisibility = await InvokeRaw("session.pitch.submit", sessionId, 1, Pitch("x", "everyone"));
        Assert.Equal(MessageType, badVisibility["type"]!.GetValue<string>());

        // Only the moderator brings up the next pitch; then the group sees it with a form to answer.
        var notModerator = await InvokeRaw("session.pitch.next", sessionId, 1);
        Assert.Equal(MessageType, notModerator["type"]!.GetValue<string>());
        Connector.Clear();
        await Invoke("session.pitch.next", sessionId, 0);
        var up = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.Contains("Volgende pitch", up.Text, StringComparison.Ordinal);
        Assert.Equal(People[3], up.Body!["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>());
        Assert.Contains("LOTTE-ALIVE", up.Card!.ToJsonString(), StringComparison.Ordinal);
        var pitchId = DataIn(up.Card!, "pitchId");

        // "Volgende pitch" started the timer; the timekeeper pauses, resumes and extends it, a participant cannot.
        Assert.Contains("De timer loopt al", (await InvokeRaw("session.timer.start", sessionId, 1))["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(MessageType, (await InvokeRaw("session.timer.pause", sessionId, 4))["type"]!.GetValue<string>());
        await Invoke("session.timer.pause", sessionId, 1);
        await Invoke("session.timer.resume", sessionId, 1);
        await Invoke("session.timer.extend", sessionId, 1);

        // Answers of every kind; one pressed on the posted answer card gets that card back with thanks.
        await Invoke("session.answer", sessionId, 1, Answer(pitchId, "tip", "Kijk eens bij het buurthuis"));
        var thanks = await Invoke("session.answer", sessionId, 2, Answer(pitchId, "contact", "Ik ken Mieke van Repair Gent", fromAnswerCard: true));
        Assert.Contains("Dank je", thanks.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("LOTTE-ALIVE", thanks.ToJsonString(), StringComparison.Ordinal);
        var offer = Activities.CardAction(Connector.ServiceUrl, "session.answer", Answer(pitchId, "offer", "Ik help met gereedschap").Also("sessionId", sessionId), Group, "groupChat", People[4], Names[4], replyToId: "act-1");
        await PostInvokeOk(offer);
        await PostInvokeOk(offer); // Teams redelivers: recorded once.

        // The bot restarts in the middle of the pitch: nothing is lost, the round goes on.
        await _bot.RestartAsync();
        await Invoke("session.answer", sessionId, 5, Answer(pitchId, "question", "Welke dagen ben je vrij?"));
        var empty = await InvokeRaw("session.answer", sessionId, 0, Answer(pitchId, "tip", "   "));
        Assert.Equal(MessageType, empty["type"]!.GetValue<string>());
        var counted = await Invoke("session.answer", sessionId, 0, Answer(pitchId, "tip", "Het Wijkpunt heeft een werkplaats", fromAnswerCard: true));
        Assert.Contains("tips: 2 · contacten: 1 · aanbiedingen: 1 · vragen: 1", Strings(counted), StringComparison.Ordinal);

        // The pitcher notes a next step; someone else cannot.
        Assert.Equal(MessageType, (await InvokeRaw("session.nextStep", sessionId, 1, new JsonObject { ["pitchId"] = pitchId, ["nextStepText"] = "x" }))["type"]!.GetValue<string>());
        await Invoke("session.nextStep", sessionId, 3, new JsonObject { ["pitchId"] = pitchId, ["nextStepText"] = "Mieke mailen" });

        // The scribe forwards a line; a tagged line from anyone becomes a note; "noteer" is the scribe's.
        Connector.Clear();
        await PostOk(Activities.Mention(Connector.ServiceUrl, "noteer Repair Gent: https://repairgent.be", Group, People[2], Names[2]));
        await PostOk(Activities.Mention(Connector.ServiceUrl, "#tip het buurthuis is open op woensdag", Group, People[4], Names[4]));
        await PostOk(Activities.Mention(Connector.ServiceUrl, "noteer dit ook", Group, People[1], Names[1]));
        var replies = await Connector.WaitForAsync(c => c.Method == "POST" && c.Text is not null, count: 3);
        Assert.Equal(2, replies.Count(r => r.Text!.StartsWith("Genoteerd", StringComparison.Ordinal)));
        Assert.Single(replies, r => r.Text!.Contains("chatverzamelaar", StringComparison.Ordinal));

        // The next two pitches: the group never sees the secret one, nor the anonymous pitcher's name.
        Connector.Clear();
        await Invoke("session.pitch.next", sessionId, 0);
        var secretUp = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.DoesNotContain("KOEN-SECRET", secretUp.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Koen", secretUp.Body!.ToJsonString(), StringComparison.Ordinal);
        Connector.Clear();
        await Invoke("session.pitch.next", sessionId, 0);
        var anonymousUp = Assert.Single(await Connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null));
        Assert.Contains("SOFIE-ANON", anonymousUp.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sofie", anonymousUp.Body!.ToJsonString(), StringComparison.Ordinal);

        // Only the moderator closes, after confirming.
        Connector.Clear();
        await PostOk(Activities.Mention(Connector.ServiceUrl, "sluit af", Group, People[1], Names[1]));
        await PostOk(Activities.Mention(Connector.ServiceUrl, "sluit af", Group, People[0], Names[0]));
        var closeReplies = await Connector.WaitForAsync(c => c.Method == "POST", count: 2);
        Assert.Single(closeReplies, r => r.Card?.ToJsonString().Contains("session.closeConfirm", StringComparison.Ordinal) == true);
        Assert.Single(closeReplies, r => r.Text?.Contains("moderator", StringComparison.OrdinalIgnoreCase) == true);

        // The live card, updated for everyone, shows the answers counted and keeps the secret.
        var shared = Strings((await Connector.WaitForAsync(c => c.Method == "PUT" && c.Card is not null))[^1].Card!);
        Assert.Contains("tips: 2", shared, StringComparison.Ordinal);
        Assert.DoesNotContain(Connector.Calls, c => c.Body?.ToJsonString().Contains("KOEN-SECRET", StringComparison.Ordinal) == true);
    }

    private const string MessageType = "application/vnd.microsoft.activity.message";

    private static JsonObject Pitch(string alive, string visibility) => new()
    {
        ["pitchAlive"] = alive,
        ["pitchSeek"] = "iemand die meedenkt",
        ["pitchVisibility"] = visibility,
    };

    private static JsonObject Answer(string pitchId, string kind, string text, bool fromAnswerCard = false)
    {
        var data = new JsonObject { ["pitchId"] = pitchId, ["answerKind"] = kind, ["answerText"] = text };
        if (fromAnswerCard)
        {
            data["origin"] = "answerCard";
        }

        return data;
    }

    private async Task PostOk(JsonObject activity)
    {
        using var response = await _bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task PostInvokeOk(JsonObject activity)
    {
        using var response = await _bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
    }

    private async Task<JsonObject> Invoke(string verb, string sessionId, int person, JsonObject? data = null)
    {
        var body = await InvokeRaw(verb, sessionId, person, data);
        Assert.True(body["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"{verb} by {Names[person]}: {body.ToJsonString()}");
        return body["value"]!.AsObject();
    }

    private async Task<JsonObject> InvokeRaw(string verb, string sessionId, int person, JsonObject? data = null)
    {
        data ??= [];
        data["sessionId"] = sessionId;
        using var response = await _bot.PostActivityAsync(Activities.CardAction(Connector.ServiceUrl, verb, data, Group, "groupChat", People[person], Names[person], replyToId: "act-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        return body;
    }




}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject json, string key, string value)
    {
        json[key] = value;
        return json;
    }
}

public sealed class RoundScenarioOnFileStoreTests : RoundScenarioTests
{
    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N")),
        });
}

public sealed class RoundScenarioOnAzuriteTests : RoundScenarioTests
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
