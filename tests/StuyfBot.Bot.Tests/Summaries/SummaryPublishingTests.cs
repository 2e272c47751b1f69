using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Bot.Tests.Scheduling;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Summaries;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.State;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Summaries.Connectortafel;

namespace StuyfBot.Bot.Tests.Summaries;

/// <summary>
/// Closing a connectortafel over real HTTP: the summary is stored (group and facilitators, JSON,
/// Markdown and HTML) and read back from the store itself, the group gets one summary card, each
/// pitcher one recap in a 1:1 chat, also when the close comes again or a second instance publishes
/// too, and what a crash or a failing connector left undone goes out once when the backstop
/// reminder runs. Runs on the file store and on Azurite.
/// </summary>
public abstract class SummaryPublishingTests : IAsyncLifetime
{
    private const string Group = "19:stuyfplek-gent@thread.v2";
    private const string SummaryHeading = "Verslag: Connectortafel: Wijkcentrum";
    private static readonly string[] RecapHeadings = ["Jouw pitch: Connectortafel: Wijkcentrum", "Your pitch: Connector table: Wijkcentrum"];

    private readonly List<BotServer> _bots = [];

    protected LoopbackConnector Connector { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Connector = await LoopbackConnector.StartAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await Connector.DisposeAsync();
    }

    [Fact]
    public async Task The_summary_is_stored_as_json_markdown_and_html_for_the_group_and_for_the_facilitators()
    {
        var bot = await StartBotAsync();
        var session = new Connectortafel(bot, Connector, Group);
        await session.RunUntilCloseAsync();
        await session.CloseAsync();
        var (_, closed) = await session.ClosedAsync();
        var heldOn = closed.OpenedAt!.Value;

        // Exactly six files, where the layout says.
        string[] expected =
        [
            SummaryKeys.Summary(session.SessionId, heldOn, SummaryFormat.Json),
            SummaryKeys.Summary(session.SessionId, heldOn, SummaryFormat.Markdown),
            SummaryKeys.Summary(session.SessionId, heldOn, SummaryFormat.Html),
            SummaryKeys.FacilitatorsSummary(session.SessionId, heldOn, SummaryFormat.Json),
            SummaryKeys.FacilitatorsSummary(session.SessionId, heldOn, SummaryFormat.Markdown),
            SummaryKeys.FacilitatorsSummary(session.SessionId, heldOn, SummaryFormat.Html),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), await ListStoredAsync("summaries/"));
        Assert.StartsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"summaries/{heldOn.UtcDateTime:yyyy}/{heldOn.UtcDateTime:MM}/{session.SessionId}."), expected[0], StringComparison.Ordinal);

        // The group's JSON, field by field.
        var json = JsonNode.Parse((await ReadStoredAsync(expected[0]))!)!;
        Assert.Equal(1, json["schemaVersion"]!.GetValue<int>());
        Assert.Equal("session-summary", json["kind"]!.GetValue<string>());
        var data = json["data"]!;
        Assert.Equal(SessionSummary.CurrentSchemaVersion, data["schemaVersion"]!.GetValue<int>());
        Assert.Equal("Group", data["audience"]!.GetValue<string>());
        Assert.Equal(session.SessionId, data["sessionId"]!.GetValue<string>());
        Assert.Equal("Connectortafel", data["kind"]!.GetValue<string>());
        Assert.Equal("Wijkcentrum", data["title"]!.GetValue<string>());
        Assert.Equal(heldOn, data["openedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(closed.ClosedAt, data["closedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(data["plannedFor"]);
        var attendance = data["attendance"]!;
        Assert.Equal(5, attendance["total"]!.GetValue<int>());
        Assert.Equal(4, attendance["present"]!.GetValue<int>());
        Assert.Equal(1, attendance["listened"]!.GetValue<int>());
        Assert.Equal(0, attendance["left"]!.GetValue<int>());
        Assert.Equal(2, attendance["pitched"]!.GetValue<int>());
        Assert.Equal(An.Name, attendance["moderatorName"]!.GetValue<string>());
        Assert.Equal(
            """[{"role":"Timekeeper","holders":["Jef Claes"]},{"role":"ChatScribe","holders":[]},{"role":"MethodicalSupporter","holders":[]}]""",
            attendance["roles"]!.ToJsonString());
        var pitches = data["pitches"]!.AsArray();
        Assert.Equal(2, pitches.Count);
        var jef = pitches[0]!;
        Assert.Equal(1, jef["number"]!.GetValue<int>());
        Assert.Equal("Group", jef["visibility"]!.GetValue<string>());
        Assert.Equal(Jef.Name, jef["authorName"]!.GetValue<string>());
        Assert.Equal(
            """{"whatIsAlive":"Ik wil een repaircafé starten","whatYouSeek":"Een zaal in de wijk","nextStep":"Een datum prikken","curiousAbout":"Wie helpt er mee?"}""",
            jef["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.True(jef["presented"]!.GetValue<bool>());
        Assert.Equal("Ik bel het buurthuis", jef["nextStep"]!.GetValue<string>());
        var jefAnswers = jef["answers"]!.AsArray();
        Assert.Equal(["Tip", "Contact"], jefAnswers.Select(a => a!["kind"]!.GetValue<string>()));
        Assert.Equal(["Vraag het aan het buurthuis https://buurthuis.example/zalen", "Ik ken de schepen van cultuur"], jefAnswers.Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal([Lotte.Name, An.Name], jefAnswers.Select(a => a!["authorName"]!.GetValue<string>()));
        Assert.All(jefAnswers, a => Assert.InRange(a!["at"]!.GetValue<DateTimeOffset>(), heldOn, closed.ClosedAt!.Value));
        var gust = pitches[1]!;
        Assert.Equal(2, gust["number"]!.GetValue<int>());
        Assert.Equal("Anonymous", gust["visibility"]!.GetValue<string>());
        Assert.Null(gust["authorName"]);
        Assert.Equal("""{"whatYouSeek":"Ik zoek werk in de zorg"}""", gust["content"]!.ToJsonString());
        Assert.True(gust["presented"]!.GetValue<bool>());
        Assert.Equal("Ik stuur mijn cv", gust["nextStep"]!.GetValue<string>());
        var gustAnswer = Assert.Single(gust["answers"]!.AsArray())!;
        Assert.Equal(("Contact", Jef.Name), (gustAnswer["kind"]!.GetValue<string>(), gustAnswer["authorName"]!.GetValue<string>()));
        var note = Assert.Single(data["notes"]!.AsArray())!;
        Assert.Equal("""["Tip"]""", note["tags"]!.ToJsonString());
        Assert.Equal("De bib heeft gratis vergaderzalen https://bib.example/zalen", note["text"]!.GetValue<string>());
        Assert.Equal("""["https://buurthuis.example/zalen","https://bib.example/zalen"]""", data["links"]!.ToJsonString());

        // The facilitators' JSON holds Fatima's pitch with her name, in the order they came up; still no name for Gust.
        var facilitators = JsonNode.Parse((await ReadStoredAsync(expected[3]))!)!["data"]!;
        Assert.Equal("Facilitators", facilitators["audience"]!.GetValue<string>());
        Assert.Equal(3, facilitators["attendance"]!["pitched"]!.GetValue<int>());
        var all = facilitators["pitches"]!.AsArray();
        Assert.Equal([Jef.Name, Fatima.Name, null], all.Select(p => p!["authorName"]?.GetValue<string>()));
        Assert.Equal(["Group", "FacilitatorsOnly", "Anonymous"], all.Select(p => p!["visibility"]!.GetValue<string>()));
        Assert.Equal(FacMarker + " ik maak een afspraak", all[1]!["nextStep"]!.GetValue<string>());
        Assert.Equal(FacMarker + " ik help je met de brief", all[1]!["answers"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("https://facmarker.example/brief", facilitators["links"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.DoesNotContain(GustMarker, facilitators.ToJsonString(), StringComparison.Ordinal);

        // The Markdown and the HTML are those of the stored JSON, in the group's language; the HTML is well-formed.
        var text = Text.For("nl-BE");
        var group = SummaryDocuments.Kind.Deserialize(expected[0], Encoding.UTF8.GetBytes((await ReadStoredAsync(expected[0]))!));
        var forFacilitators = SummaryDocuments.Kind.Deserialize(expected[3], Encoding.UTF8.GetBytes((await ReadStoredAsync(expected[3]))!));
        Assert.Equal(SummaryMarkdown.Render(group, text), await ReadStoredAsync(expected[1]));
        Assert.Equal(SummaryHtml.Render(group, text), await ReadStoredAsync(expected[2]));
        Assert.Equal(SummaryMarkdown.Render(forFacilitators, text), await ReadStoredAsync(expected[4]));
        Assert.Equal(SummaryHtml.Render(forFacilitators, text), await ReadStoredAsync(expected[5]));
        Assert.StartsWith("# " + SummaryHeading, await ReadStoredAsync(expected[1]), StringComparison.Ordinal);
        Assert.Contains("Ik zoek werk in de zorg", await ReadStoredAsync(expected[1]), StringComparison.Ordinal);
        var html = XDocument.Parse((await ReadStoredAsync(expected[2]))!["<!DOCTYPE html>".Length..]);
        Assert.Equal("nl-BE", html.Root!.Attribute("lang")!.Value);
        Assert.Contains("Ik bel het buurthuis", html.Root.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_gets_one_summary_card_and_each_pitcher_one_recap_also_when_the_close_comes_again_and_another_instance_publishes()
    {
        var bot = await StartBotAsync();
        var session = new Connectortafel(bot, Connector, Group);
        await session.RunUntilCloseAsync();
        await session.CloseAsync();

        // The card, in the group's language, is the summary as stored.
        var card = Assert.Single(SummaryCards());
        var (sessions, closed) = await session.ClosedAsync();
        var key = SummaryKeys.Summary(session.SessionId, closed.OpenedAt!.Value, SummaryFormat.Json);
        var stored = SummaryDocuments.Kind.Deserialize(key, Encoding.UTF8.GetBytes((await ReadStoredAsync(key))!));
        Assert.Equal(SummaryCard.Render(stored, Text.For("nl-BE")).ToJson().ToJsonString(), card.Card!.ToJsonString());

        // One recap per pitcher: Jef's in his 1:1 chat in English, the others' in a 1:1 chat the bot opened.
        var recaps = Recaps();
        Assert.Equal(3, recaps.Count);
        var jef = Assert.Single(recaps, r => r.ConversationId == JefPersonalChat);
        Assert.Contains("Your pitch: Connector table: Wijkcentrum", jef.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Ik bel het buurthuis", jef.Card!.ToJsonString(), StringComparison.Ordinal);
        foreach (var person in new[] { Fatima, Gust })
        {
            var created = Assert.Single(Connector.Calls, c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body!["members"]![0]!["id"]!.GetValue<string>() == person.Id);
            Assert.Equal(Activities.TenantId, created.Body!["tenantId"]!.GetValue<string>());
            Assert.Equal(Activities.BotId, created.Body!["bot"]!["id"]!.GetValue<string>());
            var recap = Assert.Single(recaps, r => r.ConversationId == "a:1on1-" + person.Id);
            Assert.Contains("Jouw pitch: Connectortafel: Wijkcentrum", recap.Card!.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Contains(FacMarker + " ik maak een afspraak", Recaps().Single(r => r.ConversationId == "a:1on1-" + Fatima.Id).Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Ik stuur mijn cv", Recaps().Single(r => r.ConversationId == "a:1on1-" + Gust.Id).Card!.ToJsonString(), StringComparison.Ordinal);

        // Every output is marked sent with the id the connector gave it.
        var documents = bot.Services.GetRequiredService<IDocumentStore>();
        var deliveries = await StorageKeysAsync(documents, $"sessions/{session.SessionId}/summary/");
        Assert.Equal(4, deliveries.Count);
        foreach (var delivery in deliveries)
        {
            var value = SummaryDocuments.DeliveryKind.Deserialize(delivery, (await documents.ReadAsync(delivery, default))!.Content);
            Assert.Equal(DeliveryState.Sent, value.State);
            Assert.StartsWith("act-", value.ActivityId, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(deliveries, d => d.Contains("29:", StringComparison.Ordinal));

        // The close again: the same activity (a redelivery), and a second press after the card changed.
        await session.PostInvokeAsync(session.CloseConfirm!);
        var again = await session.PostInvokeAsync(session.CardAction("session.closeConfirm", An));
        Assert.Equal("application/vnd.microsoft.activity.message", again["type"]!.GetValue<string>());

        // A second instance on the same store publishes the same close (as if it had the close too),
        // at the same time as the first, and both run the backstop.
        var second = await StartBotAsync();
        await Task.WhenAll(
            bot.Services.GetRequiredService<SummaryPublisher>().PublishAsync(sessions, closed, default),
            second.Services.GetRequiredService<SummaryPublisher>().PublishAsync(sessions, closed, default),
            second.Services.GetRequiredService<SummaryPublisher>().PublishAsync(sessions, closed, default));
        var reminder = Assert.Single(await ScheduledAsync(bot, session.SessionId));
        foreach (var instance in new[] { bot, second })
        {
            var backstop = instance.Services.GetServices<IReminderHandler>().Single(h => h.Kind == SummaryPublisher.ReminderKind);
            await backstop.HandleAsync(reminder, TimeSpan.Zero, default);
        }

        Assert.Single(SummaryCards());
        Assert.Equal(3, Recaps().Count);
        Assert.Equal(6, (await ListStoredAsync("summaries/")).Count);

        // Every card that went out passes the official parser.
        var cards = Connector.Calls.Where(c => c.Card is not null).Select((c, i) => ($"{i}:{c.ConversationId}", c.Card!)).ToList();
        var problems = await AdaptiveCardValidator.ValidateAsync(cards);
        Assert.All(problems, p => Assert.True(p.Value.Count == 0, $"{p.Key}: {string.Join("; ", p.Value)}"));
    }

    [Fact]
    public async Task No_group_output_shows_the_facilitators_only_pitch_or_the_anonymous_pitchers_name_nor_does_a_recap()
    {
        var bot = await StartBotAsync();
        var session = new Connectortafel(bot, Connector, Group);
        await session.RunUntilCloseAsync();
        await session.CloseAsync();
        var (_, closed) = await session.ClosedAsync();
        var heldOn = closed.OpenedAt!.Value;

        // Nothing the bot said in the group carries Fatima's pitch; the summary card not her name nor Gust's either.
        var groupCalls = Connector.Calls.Where(c => c.ConversationId == Group && c.Body is not null).ToList();
        Assert.NotEmpty(groupCalls);
        Assert.All(groupCalls, c => AssertAbsent(FacMarker, c.Body!.ToJsonString(), c.Method + " " + c.Path));
        Assert.All(groupCalls, c => AssertAbsent("facmarker.example", c.Body!.ToJsonString(), c.Method + " " + c.Path));
        var card = Assert.Single(SummaryCards()).Card!.ToJsonString();
        AssertAbsent(FacName, card, "summary card");
        AssertAbsent(GustMarker, card, "summary card");
        Assert.Contains("Ik zoek werk in de zorg", card, StringComparison.Ordinal);

        // The group's files: neither secret; the facilitators' files: Fatima's pitch, and still not Gust's name.
        foreach (var format in Enum.GetValues<SummaryFormat>())
        {
            var group = (await ReadStoredAsync(SummaryKeys.Summary(session.SessionId, heldOn, format)))!;
            AssertAbsent(FacMarker, group, format.ToString());
            AssertAbsent(FacName, group, format.ToString());
            AssertAbsent("facmarker.example", group, format.ToString());
            AssertAbsent(GustMarker, group, format.ToString());
            Assert.Contains("Ik zoek werk in de zorg", group, StringComparison.Ordinal);
            var facilitators = (await ReadStoredAsync(SummaryKeys.FacilitatorsSummary(session.SessionId, heldOn, format)))!;
            Assert.Contains(FacMarker, facilitators, StringComparison.Ordinal);
            Assert.Contains(FacName, facilitators, StringComparison.Ordinal);
            AssertAbsent(GustMarker, facilitators, format.ToString());
        }

        // A recap names no one whose name is kept from others (answers carry their authors); only Fatima's holds her pitch.
        foreach (var recap in Recaps())
        {
            var json = recap.Card!.ToJsonString();
            AssertAbsent(GustMarker, json, recap.ConversationId!);
            AssertAbsent(FacName, json, recap.ConversationId!);
            if (recap.ConversationId != "a:1on1-" + Fatima.Id)
            {
                AssertAbsent(FacMarker, json, recap.ConversationId!);
            }
        }
    }

    [Fact]
    public async Task What_a_dead_sender_and_a_failing_connector_left_undone_goes_out_once_when_the_backstop_reminder_runs()
    {
        var logs = new ListLoggerProvider();
        var bot = await StartBotAsync(
            new Dictionary<string, string?>
            {
                ["Sessions:SummaryBackstopDelay"] = "00:00:04",
                ["Bot:Connector:MaxAttempts"] = "1",
            },
            logs);
        var session = new Connectortafel(bot, Connector, Group);
        await session.RunUntilCloseAsync();

        // An instance died while it posted the card (its claim is still within its lease), and
        // opening a 1:1 chat for a recap fails once.
        var documents = bot.Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;
        var abandoned = new DeliveryRecord(DeliveryState.Sending, now, now + TimeSpan.FromSeconds(3));
        Assert.True((await documents.CreateAsync(SummaryKeys.Delivery(session.SessionId, "card"), SummaryDocuments.DeliveryKind.Serialize(abandoned), default)).IsWritten);
        Connector.FailNextMatching(c => c.Method == "POST" && c.Path == "/v3/conversations", 503);

        await session.CloseAsync();

        // Right after the close: no card (another sender has it), two of three recaps.
        Assert.Empty(SummaryCards());
        Assert.Equal(2, Recaps().Count);
        Assert.Equal(6, (await ListStoredAsync("summaries/")).Count);

        // The backstop takes the dead sender's card over once its lease is past, and sends the missing recap.
        await Connector.WaitForAsync(c => IsSummaryCard(c), timeout: TimeSpan.FromSeconds(30));
        await Connector.WaitForAsync(c => IsRecap(c), count: 3, timeout: TimeSpan.FromSeconds(30));
        var backstop = Assert.Single(await ScheduledAsync(bot, session.SessionId));
        Assert.Equal((await session.ClosedAsync()).Closed.ClosedAt + TimeSpan.FromSeconds(4), backstop.DueAt);
        await WaitUntilAsync(() => BackstopDoneAsync(documents, backstop), TimeSpan.FromSeconds(30));
        Assert.Single(SummaryCards());
        Assert.Equal(3, Recaps().Count);
        Assert.Equal(3, Recaps().Select(r => r.ConversationId).Distinct().Count());
        Assert.Contains(logs.Entries, e => e.Message.Contains("was being sent by a run that stopped", StringComparison.Ordinal));
    }

    protected abstract Task<Dictionary<string, string?>> StorageSettingsAsync();

    /// <summary>The stored keys under a prefix, read from the store's own medium (the folder, or Azurite).</summary>
    protected abstract Task<IReadOnlyList<string>> ListStoredAsync(string prefix);

    /// <summary>A stored file as text, read from the store's own medium; null when there is none.</summary>
    protected abstract Task<string?> ReadStoredAsync(string key);

    private static void AssertAbsent(string marker, string output, string where) =>
        Assert.False(output.Contains(marker, StringComparison.Ordinal), $"'{marker}' leaked into {where}: {output}");

    private static bool IsSummaryCard(ConnectorCall call) =>
        call.Method == "POST" && call.ConversationId == Group && call.Card?.ToJsonString().Contains(SummaryHeading, StringComparison.Ordinal) == true;

    private static bool IsRecap(ConnectorCall call) =>
        call.Method == "POST" && call.ConversationId != Group && call.Card?.ToJsonString() is { } card && RecapHeadings.Any(h => card.Contains(h, StringComparison.Ordinal));

    private static async Task<List<string>> StorageKeysAsync(IDocumentStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAllAsync(prefix))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>
    /// The session's backstop reminders, waiting or already fired: the bot's own dispatcher may fire
    /// and delete one while this looks (it is then found by its claim).
    /// </summary>
    private static async Task<List<Reminder>> ScheduledAsync(BotServer bot, string sessionId) =>
        [.. (await Reminders.ScheduledAsync(bot.Services.GetRequiredService<IDocumentStore>()))
            .Where(r => r.Kind == SummaryPublisher.ReminderKind && r.Payload[SummaryPublisher.SessionIdKey] == sessionId)];

    /// <summary>True once the backstop reminder's claim says it is done.</summary>
    private static async Task<bool> BackstopDoneAsync(IDocumentStore store, Reminder backstop)
    {
        var key = StateKeys.ReminderClaim(backstop.DueAt, backstop.Id);
        return await store.ReadAsync(key, default) is { } claim
            && ReminderDocuments.Claim.Deserialize(key, claim.Content).State == ReminderState.Done;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(100);
        }
    }

    private List<ConnectorCall> SummaryCards() => [.. Connector.Calls.Where(IsSummaryCard)];

    private List<ConnectorCall> Recaps() => [.. Connector.Calls.Where(IsRecap)];

    private async Task<BotServer> StartBotAsync(Dictionary<string, string?>? extra = null, ListLoggerProvider? logs = null)
    {
        var settings = await StorageSettingsAsync();
        settings["Sessions:CardUpdateInterval"] = "00:00:00.200";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var bot = await BotServer.StartAsync(settings, logs is null ? null : builder => builder.Logging.AddProvider(logs));
        _bots.Add(bot);
        return bot;
    }
}

public sealed class SummaryPublishingOnFileStoreTests : SummaryPublishingTests
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:DataPath"] = _dataPath });

    protected override Task<IReadOnlyList<string>> ListStoredAsync(string prefix)
    {
        var folder = Path.Combine(_dataPath, prefix);
        IReadOnlyList<string> keys = Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(_dataPath, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(k => !k.Split('/').Any(s => s.StartsWith('.')))
                .Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(keys);
    }

    protected override async Task<string?> ReadStoredAsync(string key)
    {
        var path = Path.Combine(_dataPath, key);
        return File.Exists(path) ? await File.ReadAllTextAsync(path) : null;
    }
}

public sealed class SummaryPublishingOnAzuriteTests : SummaryPublishingTests
{
    private AzuriteServer _azurite = null!;
    private BlobDocumentStore _blobs = null!;

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _blobs = BlobDocumentStore.WithConnectionString(_azurite.ConnectionString, "stuyfbot", NullLogger<BlobDocumentStore>.Instance);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    protected override Task<Dictionary<string, string?>> StorageSettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:Container"] = "stuyfbot",
        });

    protected override async Task<IReadOnlyList<string>> ListStoredAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in _blobs.ListAllAsync(prefix))
        {
            keys.Add(key);
        }

        return keys;
    }

    protected override async Task<string?> ReadStoredAsync(string key) =>
        await _blobs.ReadAsync(key, default) is { } stored ? Encoding.UTF8.GetString(stored.Content.Span) : null;
}
