using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Summaries;

public sealed record Person(string Id, string Name);

/// <summary>
/// A connectortafel in a group chat over real HTTP, run to its close: An starts and moderates,
/// Jef (who talked to the bot 1:1 in English before) pitches for the group and keeps time, Fatima
/// pitches for the facilitators only, Gust pitches anonymously, Lotte listens and takes a note,
/// all with the live card's buttons and a tagged chat line. Markers: <see cref="FacMarker"/> is in everything of Fatima's
/// pitch, <see cref="FacName"/> in her name, <see cref="GustMarker"/> in Gust's name.
/// </summary>
public sealed class Connectortafel(BotServer bot, LoopbackConnector connector, string group, string title = "Wijkcentrum")
{
    public const string FacMarker = "FACMARKER";
    public const string FacName = "FACNAME";
    public const string GustMarker = "GUSTANON";
    public const string JefPersonalChat = "a:personal-jef";

    public static readonly Person An = new("29:an", "An Peeters");
    public static readonly Person Jef = new("29:jef", "Jef Claes");
    public static readonly Person Fatima = new("29:fatima", "Fatima " + FacName);
    public static readonly Person Gust = new("29:gust", "Gust " + GustMarker);
    public static readonly Person Lotte = new("29:lotte", "Lotte Vermeulen");

    public string Group => group;

    public string Title => title;

    public string SessionId { get; private set; } = string.Empty;

    /// <summary>The moderator's "Ja, sluit af" as it was posted, to deliver it again.</summary>
    public JsonObject? CloseConfirm { get; private set; }

    /// <summary>Starts, checks everyone in, runs the pitch round and takes a note: everything but the close.</summary>
    public async Task RunUntilCloseAsync()
    {
        await PostOkAsync(Activities.Message(connector.ServiceUrl, "hello", JefPersonalChat, fromId: Jef.Id, fromName: Jef.Name, locale: "en-US"));
        await StartAsync();
        await InvokeAsync("session.checkIn", Jef);
        await InvokeAsync("session.checkIn", Fatima);
        await InvokeAsync("session.checkIn", Gust);
        await InvokeAsync("session.listen", Lotte);
        await InvokeAsync("session.takeRole", Jef, new JsonObject { ["role"] = "timekeeper" });

        await InvokeAsync("session.pitch.submit", Jef, Pitch("Ik wil een repaircafé starten", "Een zaal in de wijk", "Een datum prikken", "Wie helpt er mee?", "group"));
        await InvokeAsync("session.pitch.submit", Fatima, Pitch(FacMarker + " schulden", FacMarker + " hulp, zie https://facmarker.example/brief", null, null, "facilitators"));
        await InvokeAsync("session.pitch.submit", Gust, Pitch(null, "Ik zoek werk in de zorg", null, null, "anonymous"));

        var jef = await NextPitchAsync();
        await InvokeAsync("session.answer", Lotte, Answer(jef, "tip", "Vraag het aan het buurthuis https://buurthuis.example/zalen"));
        await InvokeAsync("session.answer", An, Answer(jef, "contact", "Ik ken de schepen van cultuur"));
        await InvokeAsync("session.nextStep", Jef, new JsonObject { ["pitchId"] = jef, ["nextStepText"] = "Ik bel het buurthuis" });

        var fatima = await NextPitchAsync();
        await InvokeAsync("session.answer", An, Answer(fatima, "offer", FacMarker + " ik help je met de brief"));
        await InvokeAsync("session.nextStep", Fatima, new JsonObject { ["pitchId"] = fatima, ["nextStepText"] = FacMarker + " ik maak een afspraak" });

        var gust = await NextPitchAsync();
        await InvokeAsync("session.answer", Jef, Answer(gust, "contact", "Ik ken een zorgcoördinator"));
        await InvokeAsync("session.nextStep", Gust, new JsonObject { ["pitchId"] = gust, ["nextStepText"] = "Ik stuur mijn cv" });

        await PostOkAsync(Activities.Mention(connector.ServiceUrl, "#tip De bib heeft gratis vergaderzalen https://bib.example/zalen", group, Lotte.Id, Lotte.Name));
        await WaitForRecordsAsync(items => items.Notes.Count == 1);
    }

    /// <summary>Starts the session (An, by mention) and reads its id from the posted live card.</summary>
    public async Task StartAsync(string kind = "connectortafel")
    {
        var before = connector.Calls.Count(c => c.Method == "POST" && c.ConversationId == group && c.Card is not null);
        await PostOkAsync(Activities.Mention(connector.ServiceUrl, $"start {kind} {title}", group, fromId: An.Id, fromName: An.Name));
        var posted = await connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == group && c.Card is not null, before + 1);
        SessionId = FindSessionId(posted[^1].Card!) ?? throw new InvalidOperationException("The live card names no session.");
    }

    /// <summary>An asks to close and confirms; the summary is published before the confirm is answered.</summary>
    public async Task CloseAsync()
    {
        var confirm = await InvokeAsync("session.close", An);
        Assert.Contains("session.closeConfirm", confirm.ToJsonString(), StringComparison.Ordinal);
        CloseConfirm = CardAction("session.closeConfirm", An);
        var closed = await PostInvokeAsync(CloseConfirm);
        Assert.Equal("application/vnd.microsoft.card.adaptive", closed["type"]!.GetValue<string>());
    }

    /// <summary>The closed session as the bot stored it, with its conversation.</summary>
    public async Task<(ConversationSessions Sessions, Session Closed)> ClosedAsync()
    {
        var sessions = await bot.Services.GetRequiredService<ConversationSessionStore>().ReadAsync(group, default);
        var closed = sessions?.Find(SessionId);
        Assert.NotNull(closed);
        Assert.Equal(SessionStatus.Closed, closed.Status);
        return (sessions!, closed);
    }

    public async Task<JsonObject> InvokeAsync(string verb, Person person, JsonObject? data = null)
    {
        var body = await PostInvokeAsync(CardAction(verb, person, data));
        Assert.True(body["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"{verb} by {person.Name}: {body.ToJsonString()}");
        return body["value"]!.AsObject();
    }

    public JsonObject CardAction(string verb, Person person, JsonObject? data = null)
    {
        data ??= [];
        data["sessionId"] = SessionId;
        return Activities.CardAction(connector.ServiceUrl, verb, data, group, "groupChat", person.Id, person.Name, replyToId: "act-1");
    }

    public async Task<JsonObject> PostInvokeAsync(JsonObject activity)
    {
        using var response = await bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        return body;
    }

    public async Task PostOkAsync(JsonObject activity)
    {
        using var response = await bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>"Volgende pitch" by An; returns the id of the pitch that came up.</summary>
    private async Task<string> NextPitchAsync()
    {
        await InvokeAsync("session.pitch.next", An);
        var sessions = await bot.Services.GetRequiredService<ConversationSessionStore>().ReadAsync(group, default);
        return sessions?.Current?.Round.Current ?? throw new InvalidOperationException("No pitch came up.");
    }

    private async Task WaitForRecordsAsync(Func<SessionRecords, bool> condition)
    {
        var items = bot.Services.GetRequiredService<SessionItemStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition(await items.ReadAsync(SessionId, default)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The records never got there.");
            await Task.Delay(50);
        }
    }

    private static JsonObject Pitch(string? alive, string? seek, string? step, string? curious, string visibility) => new()
    {
        ["pitchAlive"] = alive,
        ["pitchSeek"] = seek,
        ["pitchStep"] = step,
        ["pitchCurious"] = curious,
        ["pitchVisibility"] = visibility,
    };

    private static JsonObject Answer(string pitchId, string kind, string text) =>
        new() { ["pitchId"] = pitchId, ["answerKind"] = kind, ["answerText"] = text };

    private static string? FindSessionId(JsonNode? node) => node switch
    {
        JsonObject o when o["sessionId"] is JsonValue v => v.GetValue<string>(),
        JsonObject o => o.Select(p => FindSessionId(p.Value)).FirstOrDefault(s => s is not null),
        JsonArray a => a.Select(FindSessionId).FirstOrDefault(s => s is not null),
        _ => null,
    };
}
