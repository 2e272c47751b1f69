using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Cards.Localization;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// The real bot on loopback HTTP with a loopback connector that serves two groups' rosters:
/// Gent (An, Jef, Fatima) and Brugge (An, Lotte). Sofie is in neither.
/// </summary>
public sealed class PlanningHarness : IAsyncDisposable
{
    public const string Gent = "19:stuyfplek-gent@thread.v2";
    public const string Brugge = "19:stuyfplek-brugge@thread.v2";

    public static readonly Person An = new("29:user-an", "An Peeters");
    public static readonly Person Jef = new("29:user-jef", "Jef Claes");
    public static readonly Person Fatima = new("29:user-fatima", "Fatima El Amrani");
    public static readonly Person Lotte = new("29:user-lotte", "Lotte Vermeulen");
    public static readonly Person Sofie = new("29:user-sofie", "Sofie Janssens");

    private PlanningHarness(LoopbackConnector connector, BotServer bot)
    {
        Connector = connector;
        Bot = bot;
    }

    public LoopbackConnector Connector { get; }

    public BotServer Bot { get; }

    /// <summary>A day ten days ahead in Brussels: always in the future, never more than a year.</summary>
    public static DateOnly Day { get; } = StuyfplekTime.Today(DateTimeOffset.UtcNow).AddDays(10);

    public static async Task<PlanningHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var connector = await LoopbackConnector.StartAsync();
        connector.Rosters[Gent] = [Member(An), Member(Jef), Member(Fatima)];
        connector.Rosters[Brugge] = [Member(An), Member(Lotte)];
        var bot = await BotServer.StartAsync(settings ?? new Dictionary<string, string?>());
        return new PlanningHarness(connector, bot);
    }

    public static JsonObject Member(Person person) => new()
    {
        ["id"] = person.Id,
        ["name"] = person.Name,
        ["aadObjectId"] = "aad-" + person.Id,
    };

    /// <summary>The text with this key in this locale's language, as the bot says it.</summary>
    public static string Say(string locale, string key, params object?[] args) =>
        args.Length == 0 ? Text.For(locale)[key] : Text.For(locale).Format(key, args);

    public static string DayMonth => Day.ToString("d/M", CultureInfo.InvariantCulture);

    public static DateTimeOffset At(TimeOnly time) => StuyfplekTime.FromLocal(Day, time)!.Value;

    /// <summary>Sends a message as Teams would: in a group with an @mention of the bot, or in the person's 1:1 chat.</summary>
    public async Task SayAsync(Person person, string text, string? group = null, string locale = "nl-BE")
    {
        var activity = group is null
            ? Activities.Message(Connector.ServiceUrl, text, PersonalChatOf(person), "personal", person.Id, person.Name, locale)
            : Activities.Mention(Connector.ServiceUrl, text, group, person.Id, person.Name, locale);
        using var response = await Bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Presses a card button (Action.Execute) and returns the invoke response body.</summary>
    public async Task<JsonObject> PressAsync(Person person, string verb, JsonObject data, string? group = null, string locale = "nl-BE")
    {
        var activity = Activities.CardAction(
            Connector.ServiceUrl, verb, data, group ?? PersonalChatOf(person), group is null ? "personal" : "groupChat", person.Id, person.Name, locale);
        using var response = await Bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        return body;
    }

    /// <summary>Plans a connectortafel in the group ten days ahead at 19:30 and returns its session.</summary>
    public async Task<Session> PlanAsync(string group, Person planner, string title = "Wijkcentrum")
    {
        await SayAsync(planner, $"plan connectortafel {DayMonth} 19:30 {title}", group);
        var sessions = await SessionsAsync(group);
        Assert.Equal(SessionStatus.Planned, sessions?.Current?.Status);
        return sessions!.Current!;
    }

    public Task<ConversationSessions?> SessionsAsync(string conversationId) =>
        Bot.Services.GetRequiredService<ConversationSessionStore>().ReadAsync(conversationId, CancellationToken.None);

    public Task<PlannedSessions> IndexAsync() =>
        Bot.Services.GetRequiredService<PlannedSessionIndex>().ReadAsync(Activities.TenantId, CancellationToken.None);

    /// <summary>The bot's posts into a conversation, in order.</summary>
    public IReadOnlyList<ConnectorCall> PostsTo(string conversationId) =>
        [.. Connector.Calls.Where(c => c.Method == "POST" && c.ConversationId == conversationId && c.Path.Contains("/activities", StringComparison.Ordinal))];

    public static string PersonalChatOf(Person person) => "a:personal-" + person.Id;

    /// <summary>The text as it appears inside a JSON string (the default encoder escapes quotes and accents).</summary>
    public static string InJson(string text) => JsonValue.Create(text).ToJsonString()[1..^1];

    /// <summary>The text of an invoke answered with a message (not a card).</summary>
    public static string MessageOf(JsonObject invokeBody)
    {
        Assert.True(invokeBody["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message", invokeBody.ToJsonString());
        return invokeBody["value"]!.GetValue<string>();
    }

    /// <summary>Every Action.Execute in a card, however deep.</summary>
    public static List<JsonObject> Buttons(JsonNode node)
    {
        var found = new List<JsonObject>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    if (o["type"]?.GetValue<string>() == "Action.Execute")
                    {
                        found.Add(o);
                    }

                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(node);
        return found;
    }

    /// <summary>The cards pass the official Adaptive Cards parser (npm adaptivecards).</summary>
    public static async Task AssertValidAsync(params (string Name, JsonObject Card)[] cards)
    {
        var results = await AdaptiveCardValidator.ValidateAsync(cards);
        Assert.All(cards, c => Assert.True(results[c.Name].Count == 0, $"{c.Name}: {string.Join("; ", results[c.Name])}"));
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public sealed record Person(string Id, string Name);
}
