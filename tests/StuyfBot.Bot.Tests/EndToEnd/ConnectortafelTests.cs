using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Bot.Tests.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Storage;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Infrastructure.CardReading;

namespace StuyfBot.Bot.Tests.EndToEnd;

/// <summary>
/// A whole connectortafel over real HTTP with a loopback connector, the state in Azurite and a
/// manual clock: planned, two pitches sent beforehand from the 1:1 card (one for the
/// facilitators only, one without a name), someone who only comes to listen, a pitch added live,
/// three rounds with tips, contacts, offers and questions, the timer's warnings (and the bot
/// restarted in the middle of a pitch: "Tijd!" still comes, once, and no answer is lost), the
/// scribe's notes, and the close. The summary files are read back from Azurite; each pitcher's
/// recap arrived in their 1:1 chat; nothing the group received shows the secret pitch, and no
/// text ties the anonymous pitch to its author's name.
/// </summary>
public sealed class ConnectortafelTests : IAsyncLifetime
{
    private const string Group = "19:stuyfplek-mechelen@thread.v2";
    private const string Secret = "LOTTESECRET";
    private const string Anonymous = "SOFIEANON";
    private const string Live = "MIEKELIVE";

    private static readonly (string Id, string Name) An = ("29:an", "An Peeters");
    private static readonly (string Id, string Name) Jef = ("29:jef", "Jef Claes");
    private static readonly (string Id, string Name) Fatima = ("29:fatima", "Fatima El Amrani");
    private static readonly (string Id, string Name) Koen = ("29:koen", "Koen De Smet");
    private static readonly (string Id, string Name) Lotte = ("29:lotte", "Lotte Vermeulen");
    private static readonly (string Id, string Name) Sofie = ("29:sofie", "Sofie Janssens");
    private static readonly (string Id, string Name) Gust = ("29:gust", "Gust Wouters");
    private static readonly (string Id, string Name) Mieke = ("29:mieke", "Mieke Maes");
    private static readonly (string Id, string Name)[] Everyone = [An, Jef, Fatima, Koen, Lotte, Sofie, Gust, Mieke];

    private readonly string _azuriteData = Path.Combine(Path.GetTempPath(), "stuyfbot-azurite", Guid.NewGuid().ToString("N"));
    private AzuriteServer _azurite = null!;
    private TimerRig _rig = null!;
    private string _sessionId = null!;

    private LoopbackConnector Connector => _rig.Connector;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_azuriteData);
        _azurite = await AzuriteServer.StartAsync(new AzuriteSettings { Location = _azuriteData });
        _rig = await TimerRig.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Sessions:CardUpdateInterval"] = "00:00:00.100",
        });
        Connector.Rosters[Group] = [.. Everyone.Select(p => new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["aadObjectId"] = "aad-" + p.Id })];
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_azuriteData, recursive: true);
    }

    [Fact]
    public async Task A_planned_connectortafel_from_the_first_pitch_to_the_summary_in_blob_storage()
    {
        // Planned for tonight (the clock: 19:30 in Brussels); the plan is announced in the group.
        await SayAsync(An, "plan connectortafel 2/3 20:00 Wijkcentrum");
        _sessionId = (await SessionsAsync())!.Current!.Id;
        Assert.Equal(SessionStatus.Planned, (await SessionsAsync())!.Current!.Status);

        // Beforehand, from the 1:1 pitch card: Lotte for the facilitators only, Sofie without her name; Gust only listens.
        await PersonalAsync(Lotte, "session.pitch.submit", PitchData($"{Secret} ik heb schulden", "facilitators"));
        await _rig.AdvanceAsync(TimeSpan.FromMinutes(1));
        await PersonalAsync(Sofie, "session.pitch.submit", PitchData($"{Anonymous} ik wil leren fietsen", "anonymous"));
        await PersonalAsync(Gust, "session.pitch.listenOnly", new JsonObject { ["conversationId"] = Group });
        await _rig.AdvanceAsync(TimeSpan.FromMinutes(1));

        // The session starts (the planned one: same id); people check in, Gust listens; the roles are taken.
        await SayAsync(An, "start connectortafel");
        Assert.Equal((_sessionId, SessionStatus.Open), ((await SessionsAsync())!.Current!.Id, (await SessionsAsync())!.Current!.Status));
        foreach (var person in new[] { Jef, Fatima, Koen, Lotte, Sofie, Mieke })
        {
            await PressAsync(person, "session.checkIn");
        }

        await PressAsync(Gust, "session.listen");
        await PressAsync(Jef, "session.takeRole", new JsonObject { ["role"] = "timekeeper" });
        await PressAsync(Fatima, "session.takeRole", new JsonObject { ["role"] = "chatScribe" });
        await PressAsync(Koen, "session.takeRole", new JsonObject { ["role"] = "methodicalSupporter" });
        await PressAsync(Mieke, "session.pitch.submit", PitchData($"{Live} zoekt een repair café", "group"));

        // Round 1: the pre-submitted ones go first. The group sees only that a pitch for the facilitators is up.
        var first = await NextPitchAsync();
        Assert.DoesNotContain(Secret, first.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lotte", first.Body!.ToJsonString(), StringComparison.Ordinal);
        await AnswerAsync(An, first, "tip", "Het OCMW heeft een schuldbemiddelaar");
        await AnswerAsync(Koen, first, "offer", "Ik ga mee naar de afspraak");
        await PressAsync(Lotte, "session.nextStep", new JsonObject { ["pitchId"] = DataIn(first.Card!, "pitchId"), ["nextStepText"] = "Afspraak maken bij het OCMW" });

        // Round 2: Sofie's pitch, without her name. The timer warns at 4 minutes.
        var second = await NextPitchAsync();
        Assert.Contains(Anonymous, Strings(second.Card!), StringComparison.Ordinal);
        Assert.DoesNotContain("Sofie", second.Body!.ToJsonString(), StringComparison.Ordinal);
        await _rig.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Equal(["⏳ Nog 1 min. voor de pitch."], Alerts());
        await AnswerAsync(Jef, second, "contact", "Ik ken de fietsschool van Mechelen");
        await AnswerAsync(Mieke, second, "question", "Heb je al een fiets?");

        // The bot is away while the pitch ends: back, it says "Tijd!" once, late; nothing answered was lost.
        await _rig.StopBotAsync();
        _rig.Clock.Advance(TimeSpan.FromMinutes(2));
        await _rig.StartBotAsync();
        await _rig.SettleAsync();
        Assert.Equal(2, Alerts().Count);
        Assert.Equal("⏰ Tijd! De pitch is om. Nu is het aan jullie: 10 minuten voor tips, contacten, aanbiedingen en vragen. (te laat, de bot was even weg)", Alerts()[1]);
        await AnswerAsync(Gust, second, "tip", "Probeer een plooifiets");
        var counted = await AnswerAsync(Koen, second, "offer", "Ik leen je mijn fiets", onAnswerCard: true);
        Assert.Contains("tips: 1 · contacten: 1 · aanbiedingen: 1 · vragen: 1", Strings(counted), StringComparison.Ordinal);
        await PressAsync(Sofie, "session.nextStep", new JsonObject { ["pitchId"] = DataIn(second.Card!, "pitchId"), ["nextStepText"] = "Inschrijven bij de fietsschool" });

        // The scribe's notes: a forwarded line, a tagged one from someone else, and one struck.
        await SayAsync(Fatima, "noteer Repair café Mechelen https://repair.example/mechelen");
        await SayAsync(Jef, "#contact de fietsschool https://fietsschool.example");
        await SayAsync(Fatima, "noteer een vergissing");
        var mistake = (await RecordsAsync()).Notes.Single(n => n.Record.Text == "een vergissing");
        await PressAsync(Fatima, "session.note.strike", new JsonObject { ["strikeNote"] = mistake.Record.Id });

        // Round 3: Mieke's live pitch, with her name; answers of every kind.
        var third = await NextPitchAsync();
        Assert.Contains(Live, Strings(third.Card!), StringComparison.Ordinal);
        Assert.Equal(Mieke.Id, third.Body!["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>());
        await AnswerAsync(Jef, third, "tip", "Kijk bij Netwerk Repair");
        await AnswerAsync(Sofie, third, "contact", "Mijn buurman is elektricien");
        await AnswerAsync(Lotte, third, "offer", "Ik kan koffie zetten");
        await AnswerAsync(Gust, third, "question", "Welke zaal?");
        await PressAsync(Mieke, "session.nextStep", new JsonObject { ["pitchId"] = DataIn(third.Card!, "pitchId"), ["nextStepText"] = "Netwerk Repair bellen" });

        // The moderator closes after confirming.
        // The summary goes out before the confirm is answered; the group chat's rate limits count
        // in the manual clock's seconds, so the clock moves on while the moderator waits.
        await SayAsync(An, "sluit af");
        var confirming = PressAsync(An, "session.closeConfirm");
        for (var tick = 0; tick < 120 && !confirming.IsCompleted; tick++)
        {
            _rig.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        await confirming;
        var closed = (await SessionsAsync())!.Current!;
        Assert.Equal(SessionStatus.Closed, closed.Status);

        // The group got the summary card; each pitcher's recap arrived in their own 1:1 chat.
        Assert.Single(Connector.Calls, c => c.Method == "POST" && c.ConversationId == Group && Strings(c.Card).Contains("Verslag: Connectortafel: Wijkcentrum", StringComparison.Ordinal));
        Assert.All(new[] { Lotte.Id, Sofie.Id, Mieke.Id }, p => Assert.Single(Connector.Calls, c => IsRecapTo(c, p)));

        // The summary files, read back from Azurite.
        var store = _rig.Bot.Services.GetRequiredService<IDocumentStore>();
        var heldOn = closed.OpenedAt!.Value;
        var group = (await ReadJsonAsync(store, SummaryKeys.Summary(_sessionId, heldOn, SummaryFormat.Json)))["data"]!;
        Assert.Equal("Group", group["audience"]!.GetValue<string>());
        Assert.Equal("Wijkcentrum", group["title"]!.GetValue<string>());
        Assert.Equal(closed.PlannedFor, group["plannedFor"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, group["attendance"]!["listened"]!.GetValue<int>());
        Assert.Equal(An.Name, group["attendance"]!["moderatorName"]!.GetValue<string>());
        Assert.Equal(
            """[{"role":"Timekeeper","holders":["Jef Claes"]},{"role":"ChatScribe","holders":["Fatima El Amrani"]},{"role":"MethodicalSupporter","holders":["Koen De Smet"]}]""",
            group["attendance"]!["roles"]!.ToJsonString());
        var pitches = group["pitches"]!.AsArray();
        Assert.Equal(["Anonymous", "Group"], pitches.Select(p => p!["visibility"]!.GetValue<string>()));
        Assert.Null(pitches[0]!["authorName"]);
        Assert.Equal(Mieke.Name, pitches[1]!["authorName"]!.GetValue<string>());
        // The kinds, whatever order the answers came in.
        Assert.Equal(["Contact", "Offer", "Question", "Tip"], pitches[0]!["answers"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).Order());
        Assert.Equal(["Contact", "Offer", "Question", "Tip"], pitches[1]!["answers"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).Order());
        Assert.Contains("Ik leen je mijn fiets", pitches[0]!["answers"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal(["Inschrijven bij de fietsschool", "Netwerk Repair bellen"], pitches.Select(p => p!["nextStep"]!.GetValue<string>()));
        Assert.Equal(2, group["notes"]!.AsArray().Count);
        Assert.Equal("""["https://repair.example/mechelen","https://fietsschool.example"]""", group["links"]!.ToJsonString());
        var facilitators = (await ReadJsonAsync(store, SummaryKeys.FacilitatorsSummary(_sessionId, heldOn, SummaryFormat.Json)))["data"]!;
        var all = facilitators["pitches"]!.AsArray();
        Assert.Equal([Lotte.Name, null, Mieke.Name], all.Select(p => p!["authorName"]?.GetValue<string>()));
        Assert.Equal(["Offer", "Tip"], all[0]!["answers"]!.AsArray().Select(a => a!["kind"]!.GetValue<string>()).Order());
        Assert.Equal("Afspraak maken bij het OCMW", all[0]!["nextStep"]!.GetValue<string>());

        // Privacy: nothing the group got, nor the group's files, shows the secret pitch; no output names Sofie with her pitch.
        foreach (var format in new[] { SummaryFormat.Json, SummaryFormat.Markdown, SummaryFormat.Html })
        {
            var file = await ReadTextAsync(store, SummaryKeys.Summary(_sessionId, heldOn, format));
            Assert.DoesNotContain(Secret, file, StringComparison.Ordinal);
            Assert.DoesNotContain("Afspraak maken bij het OCMW", file, StringComparison.Ordinal);
            Assert.Contains(Anonymous, file, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Connector.Calls, c => c.ConversationId == Group && c.Body?.ToJsonString().Contains(Secret, StringComparison.Ordinal) == true);
        // The live card lists who is here (Sofie too) and the anonymous pitch, but no text ties her name to it.
        Assert.DoesNotContain(Connector.Calls, c => !IsRecapTo(c, Sofie.Id) && Strings(c.Body).Split('\n').Any(line => line.Contains(Anonymous, StringComparison.Ordinal) && line.Contains("Sofie", StringComparison.Ordinal)));
    }

    private JsonObject PitchData(string alive, string visibility) => new()
    {
        ["conversationId"] = Group,
        ["pitchAlive"] = alive,
        ["pitchSeek"] = "mensen die meedenken",
        ["pitchVisibility"] = visibility,
    };

    private async Task<ConnectorCall> NextPitchAsync()
    {
        var before = Connector.Calls.Count;
        await PressAsync(An, "session.pitch.next");
        var posted = await Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == Group && c.Card is not null && c.Text?.StartsWith("Volgende pitch", StringComparison.Ordinal) == true, count: 1, timeout: TimerRig.Patience);
        return Connector.Calls.Skip(before).Last(c => c.Method == "POST" && c.ConversationId == Group && c.Text?.StartsWith("Volgende pitch", StringComparison.Ordinal) == true);
    }

    private async Task<JsonObject> AnswerAsync((string Id, string Name) person, ConnectorCall pitchUp, string kind, string text, bool onAnswerCard = false)
    {
        var data = new JsonObject { ["pitchId"] = DataIn(pitchUp.Card!, "pitchId"), ["answerKind"] = kind, ["answerText"] = text };
        if (onAnswerCard)
        {
            data["origin"] = "answerCard";
        }

        return await PressAsync(person, "session.answer", data);
    }

    private List<string> Alerts() =>
        [.. _rig.AlertsIn(Group).Select(c => c.Text!)];

    /// <summary>
    /// Each action comes a few seconds after the one before (people think and type): the clock
    /// moves on, so the group chat's rate limits, which count in its seconds, let the bot post.
    /// </summary>
    private void ThinkingTime() => _rig.Clock.Advance(TimeSpan.FromSeconds(3));

    private async Task SayAsync((string Id, string Name) person, string text)
    {
        ThinkingTime();
        using var response = await _rig.Bot.PostActivityAsync(Activities.Mention(Connector.ServiceUrl, text, Group, person.Id, person.Name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A button of a card in the group; the bot must answer with a card, not a refusal.</summary>
    private Task<JsonObject> PressAsync((string Id, string Name) person, string verb, JsonObject? data = null) =>
        InvokeAsync(Activities.CardAction(Connector.ServiceUrl, verb, WithSession(data), Group, "groupChat", person.Id, person.Name, replyToId: "act-1"), verb, person.Name);

    /// <summary>A button of the pitch card in the person's 1:1 chat.</summary>
    private Task<JsonObject> PersonalAsync((string Id, string Name) person, string verb, JsonObject data) =>
        InvokeAsync(Activities.CardAction(Connector.ServiceUrl, verb, WithSession(data), "a:personal-" + person.Id, "personal", person.Id, person.Name), verb, person.Name);

    private JsonObject WithSession(JsonObject? data)
    {
        data ??= [];
        data["sessionId"] = _sessionId;
        return data;
    }

    private async Task<JsonObject> InvokeAsync(JsonObject activity, string verb, string who)
    {
        ThinkingTime();
        using var response = await _rig.Bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"{verb} by {who}: {body.ToJsonString()}");
        return body["value"]!.AsObject();
    }

    private Task<ConversationSessions?> SessionsAsync() =>
        _rig.Bot.Services.GetRequiredService<ConversationSessionStore>().ReadAsync(Group, CancellationToken.None);

    private Task<SessionRecords> RecordsAsync() =>
        _rig.Bot.Services.GetRequiredService<SessionItemStore>().ReadAsync(_sessionId, CancellationToken.None);

    private static bool IsRecapTo(ConnectorCall call, string personId) =>
        call.Method == "POST" && call.ConversationId != Group && call.Card is { } card
        && Strings(card).Contains("Jouw pitch", StringComparison.Ordinal)
        && call.Body?["recipient"]?["id"]?.GetValue<string>() is { } recipient && recipient == personId;

    private static async Task<string> ReadTextAsync(IDocumentStore store, string key) =>
        Encoding.UTF8.GetString((await store.ReadAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"{key} is not stored")).Content.Span);

    private static async Task<JsonNode> ReadJsonAsync(IDocumentStore store, string key) => JsonNode.Parse(await ReadTextAsync(store, key))!;



}
