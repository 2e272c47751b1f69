using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Features.Pitches;
using StuyfBot.Bot.Features.Sessions;
using StuyfBot.Bot.Storage.State;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Summaries;

public sealed record Person(string Id, string Name);

/// <summary>
/// A connectortafel in a group chat over real HTTP, run to its close: An starts and moderates,
/// Jef (who talked to the bot 1:1 in English before) pitches for the group and keeps time, Fatima
/// pitches for the facilitators only, Gust pitches anonymously, Lotte listens. The pitch round
/// goes through the bot's own services as the round commands do (decide with
/// <see cref="RoundDecider"/>, commit the head, append the record with
/// <see cref="SessionItemStore"/>). Markers: <see cref="FacMarker"/> is in everything of Fatima's
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

        await RoundAsync(Jef, new SubmitPitch(new PitchContent("Ik wil een repaircafé starten", "Een zaal in de wijk", "Een datum prikken", "Wie helpt er mee?"), PitchVisibility.Group));
        await RoundAsync(Fatima, new SubmitPitch(new PitchContent(FacMarker + " schulden", FacMarker + " hulp, zie https://facmarker.example/brief", null, null), PitchVisibility.FacilitatorsOnly));
        await RoundAsync(Gust, new SubmitPitch(new PitchContent(null, "Ik zoek werk in de zorg", null, null), PitchVisibility.Anonymous));

        var jef = await RoundAsync(An, new NextPitch());
        await RoundAsync(Lotte, new AnswerPitch(jef, AnswerKind.Tip, "Vraag het aan het buurthuis https://buurthuis.example/zalen"));
        await RoundAsync(An, new AnswerPitch(jef, AnswerKind.Contact, "Ik ken de schepen van cultuur"));
        await RoundAsync(Jef, new NoteNextStep(jef, "Ik bel het buurthuis"));

        var fatima = await RoundAsync(An, new NextPitch());
        await RoundAsync(An, new AnswerPitch(fatima, AnswerKind.Offer, FacMarker + " ik help je met de brief"));
        await RoundAsync(Fatima, new NoteNextStep(fatima, FacMarker + " ik maak een afspraak"));

        var gust = await RoundAsync(An, new NextPitch());
        await RoundAsync(Jef, new AnswerPitch(gust, AnswerKind.Contact, "Ik ken een zorgcoördinator"));
        await RoundAsync(Gust, new NoteNextStep(gust, "Ik stuur mijn cv"));

        await RoundAsync(Lotte, new AddNote(ChatNote.Parse("#tip De bib heeft gratis vergaderzalen https://bib.example/zalen")!));
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

    /// <summary>A round command as the bot carries it out; returns the current pitch's id afterwards.</summary>
    private async Task<string> RoundAsync(Person person, RoundCommand command)
    {
        var items = bot.Services.GetRequiredService<SessionItemStore>();
        var records = await items.ReadAsync(SessionId, default);
        var turn = new RoundTurn(new Actor(person.Id, person.Name), DateTimeOffset.UtcNow, StateKeys.ItemId(Guid.NewGuid().ToString("N")));
        var result = await bot.Services.GetRequiredService<ConversationSessionStore>()
            .DecideRoundAsync(group, SessionId, head => RoundDecider.Decide(head, records, command, turn, TimerSettings.Default), default);
        var accepted = Assert.IsType<RoundAccepted>(result.Decision);
        if (accepted.Item is { } item)
        {
            Assert.Equal(AppendResult.Appended, await items.AppendAsync(SessionId, item, default));
        }

        return accepted.State.Round.Current ?? string.Empty;
    }

    private static string? FindSessionId(JsonNode? node) => node switch
    {
        JsonObject o when o["sessionId"] is JsonValue v => v.GetValue<string>(),
        JsonObject o => o.Select(p => FindSessionId(p.Value)).FirstOrDefault(s => s is not null),
        JsonArray a => a.Select(FindSessionId).FirstOrDefault(s => s is not null),
        _ => null,
    };
}
