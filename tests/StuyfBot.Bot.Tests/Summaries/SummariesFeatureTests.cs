using System.Net;
using System.Text.Json.Nodes;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Cards.Localization;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Summaries.Connectortafel;

namespace StuyfBot.Bot.Tests.Summaries;

/// <summary>
/// The coordinator's summaries over real HTTP, after two sessions closed in two groups: the list
/// (newest first, as many as asked), opening one (the facilitators' version, and where its files
/// are), and a friendly refusal for everyone else and in groups, in the reader's language.
/// </summary>
public sealed class SummariesFeatureTests : IAsyncLifetime
{
    private const string Kortrijk = "19:stuyfplek-kortrijk@thread.v2";
    private const string Gent = "19:stuyfplek-gent@thread.v2";
    private const string ObjectId = "8f9f3c1e-2b7a-4d8e-9c55-0a1b2c3d4e5f";

    private static readonly Person Coordinator = new("29:coordinator", "Carla Coördinator");
    private static readonly Person OtherCoordinator = new("29:other-coordinator", "Otto Coördinator");

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N"));
    private LoopbackConnector _connector = null!;
    private BotServer _bot = null!;
    private Connectortafel _first = null!;
    private Connectortafel _second = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = _dataPath,
            ["Sessions:Coordinators"] = $"{Coordinator.Id}; {ObjectId}",
        });

        // A connectortafel in Gent, then an open huys without pitches in Kortrijk.
        _first = new Connectortafel(_bot, _connector, Gent);
        await _first.RunUntilCloseAsync();
        await _first.CloseAsync();
        _second = new Connectortafel(_bot, _connector, Kortrijk, "Bib");
        await _second.StartAsync("open huys");
        await _second.CloseAsync();
        _connector.Clear();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task A_coordinator_lists_the_recent_summaries_newest_first_and_opens_one_with_where_its_files_are()
    {
        var list = await ListAsync(Coordinator, "samenvattingen");
        Assert.Contains("Recente verslagen", list.ToJsonString(), StringComparison.Ordinal);
        var buttons = OpenButtons(list);
        Assert.Equal([_second.SessionId, _first.SessionId], buttons.Select(b => b["sessionId"]!.GetValue<string>()));
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(buttons, b => Assert.Equal(month, b["month"]!.GetValue<string>()));

        var one = OpenButtons(await ListAsync(Coordinator, "verslagen 1"));
        Assert.Equal(_second.SessionId, Assert.Single(one)["sessionId"]!.GetValue<string>());

        // Opening the connectortafel: a new message with the facilitators' summary; the list stays.
        _connector.Clear();
        var opened = await OpenAsync(Coordinator, buttons[1]);
        Assert.Equal("application/vnd.microsoft.activity.message", opened["type"]!.GetValue<string>());
        Assert.Equal(Text.For("nl-BE")["SummaryOpenedBelow"], opened["value"]!.GetValue<string>());
        var card = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.Card is not null)).Card!.ToJsonString();
        Assert.Contains("Verslag: Connectortafel: Wijkcentrum", card, StringComparison.Ordinal);
        Assert.Contains(FacMarker, card, StringComparison.Ordinal);
        Assert.Contains(Text.For("nl-BE")["SummaryForFacilitators"], card, StringComparison.Ordinal);
        Assert.DoesNotContain(GustMarker, card, StringComparison.Ordinal);

        // ... and it names the store and the files, which are there.
        Assert.Contains(_dataPath, card, StringComparison.Ordinal);
        var files = new[] { "md", "html", "json" }.Select(ext => $"summaries/{month[..4]}/{month[5..]}/{_first.SessionId}.facilitators.{ext}").ToList();
        Assert.All(files, f => Assert.Contains(f, card, StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(_dataPath, f)), f));

        var problems = await AdaptiveCardValidator.ValidateAsync([("list", list), ("opened", JsonNode.Parse(card)!.AsObject())]);
        Assert.All(problems, p => Assert.True(p.Value.Count == 0, $"{p.Key}: {string.Join("; ", p.Value)}"));
    }

    [Fact]
    public async Task A_coordinator_named_by_entra_object_id_is_recognised_in_any_letter_case_and_reads_english()
    {
        var list = await ListAsync(OtherCoordinator, "summaries", "en-US", ObjectId.ToUpperInvariant());

        Assert.Contains("Recent summaries", list.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, OpenButtons(list).Count);
        var opened = await OpenAsync(OtherCoordinator, OpenButtons(list)[0], "en-US", ObjectId.ToUpperInvariant());
        Assert.Equal(Text.For("en-US")["SummaryOpenedBelow"], opened["value"]!.GetValue<string>());
        var card = (await _connector.WaitForAsync(c => c.Method == "POST" && c.Card?.ToJsonString().Contains("Summary: Open huys: Bib", StringComparison.Ordinal) == true)).Single();
        Assert.Contains("to read", card.Card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl-BE", "samenvattingen")]
    [InlineData("en-GB", "summaries")]
    public async Task Anyone_else_is_refused_kindly_in_their_language_and_sees_nothing(string locale, string command)
    {
        var text = Text.For(locale);

        await PostOkAsync(Activities.Message(_connector.ServiceUrl, command, "a:personal-lotte", fromId: Lotte.Id, fromName: Lotte.Name, locale: locale));
        var reply = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == "a:personal-lotte"));
        Assert.Equal(text["SummariesOnlyCoordinators"], reply.Text);
        Assert.Null(reply.Card);

        var button = new JsonObject { ["sessionId"] = _first.SessionId, ["month"] = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) };
        var opened = await InvokeAsync(Activities.CardAction(_connector.ServiceUrl, "session.summary.open", button, "a:personal-lotte", fromId: Lotte.Id, fromName: Lotte.Name, locale: locale));
        Assert.Equal(text["SummariesOnlyCoordinators"], opened["value"]!.GetValue<string>());

        // A moderator is no coordinator either.
        await PostOkAsync(Activities.Message(_connector.ServiceUrl, command, "a:personal-an", fromId: An.Id, fromName: An.Name, locale: locale));
        Assert.Equal(text["SummariesOnlyCoordinators"], Assert.Single(await _connector.WaitForAsync(c => c.ConversationId == "a:personal-an")).Text);
        Assert.DoesNotContain(_connector.Calls, c => c.Method == "POST" && c.Card is not null);
    }

    [Fact]
    public async Task In_a_group_even_a_coordinator_is_sent_to_the_1_1_chat()
    {
        await PostOkAsync(Activities.Mention(_connector.ServiceUrl, "samenvattingen", Gent, fromId: Coordinator.Id, fromName: Coordinator.Name));
        var reply = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == Gent));
        Assert.Equal(Text.For("nl-BE")["SummariesOnlyPersonal"], reply.Text);

        var button = new JsonObject { ["sessionId"] = _first.SessionId, ["month"] = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) };
        var opened = await InvokeAsync(Activities.CardAction(_connector.ServiceUrl, "session.summary.open", button, Gent, "groupChat", Coordinator.Id, Coordinator.Name));
        Assert.Equal(Text.For("nl-BE")["SummariesOnlyPersonal"], opened["value"]!.GetValue<string>());
        Assert.DoesNotContain(_connector.Calls, c => c.Method == "POST" && c.Card is not null);
    }

    [Fact]
    public async Task Bad_requests_and_buttons_get_a_clear_answer_and_change_nothing()
    {
        var text = Text.For("nl-BE");
        await PostOkAsync(Activities.Message(_connector.ServiceUrl, "samenvattingen veel", "a:personal-coordinator", fromId: Coordinator.Id, fromName: Coordinator.Name));
        Assert.Equal(text.Format("SummariesUsage", 25), Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST")).Text);

        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        (JsonObject Data, string Answer)[] buttons =
        [
            (new JsonObject { ["sessionId"] = "no-such-session", ["month"] = month }, text["SummaryNotFound"]),
            (new JsonObject { ["sessionId"] = _first.SessionId, ["month"] = "2026-13" }, text["SummaryNotFound"]),
            (new JsonObject { ["sessionId"] = _first.SessionId, ["month"] = "1999-01" }, text["SummaryNotFound"]),
            (new JsonObject { ["sessionId"] = "..", ["month"] = month }, text["SummaryNotFound"]),
            (new JsonObject { ["sessionId"] = _first.SessionId }, text["UnknownAction"]),
            (new JsonObject { ["month"] = month }, text["UnknownAction"]),
        ];
        foreach (var (data, answer) in buttons)
        {
            var opened = await InvokeAsync(Activities.CardAction(_connector.ServiceUrl, "session.summary.open", data, "a:personal-coordinator", fromId: Coordinator.Id, fromName: Coordinator.Name));
            Assert.Equal("application/vnd.microsoft.activity.message", opened["type"]!.GetValue<string>());
            Assert.Equal(answer, opened["value"]!.GetValue<string>());
        }

        Assert.DoesNotContain(_connector.Calls, c => c.Method == "POST" && c.Card is not null);
    }

    /// <summary>The Open buttons of a list card, in order: each one's data.</summary>
    private static List<JsonObject> OpenButtons(JsonNode card)
    {
        var found = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o when o["verb"]?.GetValue<string>() == "session.summary.open":
                    found.Add(o["data"]!.AsObject());
                    break;
                case JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(card);
        return found;
    }

    private async Task<JsonObject> ListAsync(Person person, string command, string locale = "nl-BE", string? objectId = null)
    {
        _connector.Clear();
        var conversation = "a:personal-" + person.Id[3..];
        var message = Activities.Message(_connector.ServiceUrl, command, conversation, fromId: person.Id, fromName: person.Name, locale: locale);
        message["from"]!["aadObjectId"] = objectId ?? "aad-" + person.Id;
        await PostOkAsync(message);
        var reply = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == conversation));
        return reply.Card ?? throw new InvalidOperationException("No card: " + reply.Text);
    }

    private async Task<JsonObject> OpenAsync(Person person, JsonObject button, string locale = "nl-BE", string? objectId = null)
    {
        var invoke = Activities.CardAction(_connector.ServiceUrl, "session.summary.open", button.DeepClone().AsObject(), "a:personal-" + person.Id[3..], fromId: person.Id, fromName: person.Name, locale: locale);
        invoke["from"]!["aadObjectId"] = objectId ?? "aad-" + person.Id;
        return await InvokeAsync(invoke);
    }

    private async Task<JsonObject> InvokeAsync(JsonObject invoke)
    {
        using var response = await _bot.PostActivityAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        return body;
    }

    private async Task PostOkAsync(JsonObject activity)
    {
        using var response = await _bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
