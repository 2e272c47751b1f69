using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.State;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Infrastructure.CardReading;

namespace StuyfBot.Bot.Tests.EndToEnd;

/// <summary>
/// A whole connectortafel in the Agents Playground's group chat of six, with the bot's state in
/// Azurite (kept in a folder): start, six check-ins, a volunteer, a refused non-moderator,
/// dividing the roles, a restart of the bot, a handover and closing with confirmation. The
/// assertions are on what the people see: the shared card and the announcements on the
/// playground's conversation stream and each person's own card view in the invoke responses;
/// at the end, the stored document is read from Azurite.
/// </summary>
public sealed class PlaygroundSessionTests : IAsyncLifetime
{
    private const string MessageResponse = "application/vnd.microsoft.activity.message";

    private readonly string _azuriteData = Path.Combine(Path.GetTempPath(), "stuyfbot-azurite", Guid.NewGuid().ToString("N"));
    private AzuriteServer _azurite = null!;
    private BotServer _bot = null!;
    private AgentsPlayground _playground = null!;
    private string _cardId = null!;
    private string _sessionId = null!;

    private PlaygroundConfig Config => _playground.Config;

    private string Group => Config.GroupChat.Id;

    private IReadOnlyList<PlaygroundUser> People => Config.People;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_azuriteData);
        _azurite = await AzuriteServer.StartAsync(new AzuriteSettings { Location = _azuriteData });
        _bot = await BotServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Sessions:CardUpdateInterval"] = "00:00:00.200",
        });
        _playground = await AgentsPlayground.StartAsync(new Uri(_bot.BaseAddress, "api/messages"), PlaygroundRoster.Stuyfplek);
    }

    public async Task DisposeAsync()
    {
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_azuriteData, recursive: true);
    }

    [Fact]
    public async Task Six_people_hold_a_connectortafel_in_the_group_chat_and_a_restart_of_the_bot_changes_nothing_for_them()
    {
        Assert.Equal(6, People.Count);
        var (an, jef, fatima, lotte, koen) = (People[0], People[1], People[2], People[3], People[4]);
        Assert.Equal(Config.Users.Select(u => u.Id), Config.GroupChat.Members); // and An, who "types" in the playground

        // An @mentions the bot in Flemish: the live card appears in the chat, without text.
        var start = await _playground.SendActivityAsync(_playground.Activities.Message(an.Id, Group, "start connectortafel Wijkcentrum"));
        Assert.Equal(200, start.ResponseStatus);
        var posted = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Card is not null));
        Assert.Equal(Config.Bot.Id, posted.FromId);
        Assert.True(string.IsNullOrEmpty(posted.Text), posted.Text);
        var cardId = _cardId = posted.MessageId;
        var sessionId = _sessionId = SessionIdIn(posted.Card!);
        var card = Facts(posted.Card!);
        Assert.Contains("Connectortafel: Wijkcentrum", Texts(posted.Card!));
        Assert.Equal("Bezig", card["Status"]);
        Assert.Equal("An Peeters", card["Aanwezig (1)"]);
        Assert.Equal("An Peeters", card["Moderator"]);
        Assert.Contains("Ik ben er", Texts(posted.Card!));

        // The five others press "Ik ben er" in the playground; each gets their own view back.
        for (var i = 1; i < People.Count; i++)
        {
            var view = Card(await PressAsync(People[i], SessionVerbs.CheckIn));
            Assert.Contains("You're here.", Texts(view));
            Assert.Contains(People[i].Name, Facts(view)[$"Here ({i + 1})"], StringComparison.Ordinal);
        }

        var six = await SharedCardAsync(cardId, c => c.ContainsKey("Aanwezig (6)"));
        Assert.Equal(People.Select(p => p.Name).Order(), six["Aanwezig (6)"].Split(", ").Order());

        // Jef volunteers as timekeeper.
        var volunteer = Card(await PressAsync(jef, SessionVerbs.TakeRole, new JsonObject { [SessionVerbs.RoleKey] = "timekeeper" }));
        Assert.Equal("Jef Claes", Facts(volunteer)["Timekeeper"]);
        Assert.Contains("Give back: Timekeeper", Texts(volunteer));
        await SharedCardAsync(cardId, c => c.GetValueOrDefault("Tijdwaarnemer") == "Jef Claes");

        // Not the moderator: "Verdeel de rollen" is kindly refused in the presser's language, and
        // nothing changes. Fatima presses it in the playground (its buttons send en-US), Koen
        // from a Teams client in nl-BE (the same invoke, sent as a raw activity).
        var refused = await PressAsync(fatima, SessionVerbs.DivideRoles);
        Assert.Equal(MessageResponse, refused.Type);
        Assert.Equal("Only the moderator can do that.", (string?)refused.Value);
        var refusedInFlemish = await _playground.SendActivityAsync(_playground.Activities.CardAction(koen.Id, Group, cardId, SessionVerbs.DivideRoles, Data(sessionId)));
        Assert.Equal(200, refusedInFlemish.ResponseStatus);
        Assert.Equal(MessageResponse, (string?)refusedInFlemish.ResponseBody!["type"]);
        Assert.Equal("Alleen de moderator kan dat doen.", (string?)refusedInFlemish.ResponseBody!["value"]);

        Assert.DoesNotContain(_playground.Messages.Items, m => m.Text is not null);

        // An divides the roles: the announcement @mentions the two who got one.
        var divided = Card(await PressAsync(an, SessionVerbs.DivideRoles));
        var announcement = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Text?.StartsWith("De rollen zijn verdeeld.", StringComparison.Ordinal) == true));
        var mentioned = Mentioned(announcement);
        Assert.Equal(2, mentioned.Count);
        Assert.DoesNotContain(an.Id, mentioned);
        Assert.DoesNotContain(jef.Id, mentioned);
        Assert.All(mentioned, id => Assert.Contains($"<at>{Config.Person(id).Name}</at>", announcement.Text, StringComparison.Ordinal));
        var roles = Facts(divided);
        Assert.Equal("Jef Claes", roles["Timekeeper"]);
        Assert.Equal(mentioned.Select(id => Config.Person(id).Name).Order(), new[] { roles["Chat scribe"], roles["Methodical supporter"] }.Order());
        var dividedCard = await SharedCardAsync(cardId, c => c.GetValueOrDefault("Chatverzamelaar") is not (null or "vrij") && c.GetValueOrDefault("Methodisch ondersteuner") is not (null or "vrij"));
        Assert.Equal(roles["Chat scribe"], dividedCard["Chatverzamelaar"]);
        Assert.Equal(roles["Methodical supporter"], dividedCard["Methodisch ondersteuner"]);

        // The bot restarts (same endpoint, same Azurite). The people notice nothing: the next
        // presses act on the same session and update the same card.
        await _bot.RestartAsync();

        var handedOver = Card(await PressAsync(an, SessionVerbs.HandOver, new JsonObject { [SessionVerbs.HandOverPersonInput] = lotte.Id }));
        Assert.DoesNotContain("You are the moderator.", Texts(handedOver));
        Assert.Equal("Lotte Vermeulen", Facts(handedOver)["Moderator"]);
        Assert.Equal(roles.Where(f => f.Key != "Moderator"), Facts(handedOver).Where(f => f.Key != "Moderator"));
        var newModerator = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Text?.EndsWith("is nu de moderator.", StringComparison.Ordinal) == true));
        Assert.Equal("<at>Lotte Vermeulen</at> is nu de moderator.", newModerator.Text);
        Assert.Equal([lotte.Id], Mentioned(newModerator));
        var afterRestart = await SharedCardAsync(cardId, c => c.GetValueOrDefault("Moderator") == "Lotte Vermeulen");
        Assert.Equal(dividedCard.Where(f => f.Key != "Moderator"), afterRestart.Where(f => f.Key != "Moderator"));

        // An is no longer the moderator; Lotte closes, after saying yes.
        var notAnymore = await PressAsync(an, SessionVerbs.RequestClose);
        Assert.Equal(MessageResponse, notAnymore.Type);
        Assert.Equal("Only the moderator can do that.", (string?)notAnymore.Value);
        var question = Card(await PressAsync(lotte, SessionVerbs.RequestClose));
        Assert.Contains("Are you sure you want to close the session? After that nobody can check in or take a role.", Texts(question));
        Assert.Contains(SessionVerbs.ConfirmClose, Verbs(question));
        var closed = Card(await PressAsync(lotte, SessionVerbs.ConfirmClose));
        Assert.Contains("The session is closed. Thank you, everyone!", Texts(closed));
        Assert.Empty(Verbs(closed));

        // Everyone's shared card ends closed: no buttons, no refresh.
        var final = await SharedCardAsync(cardId, c => c.GetValueOrDefault("Status") == "Afgesloten");
        var last = _playground.Messages.Items.Last(m => m.MessageId == cardId);
        Assert.Equal("Afgesloten", Facts(last.Card!)["Status"]);
        Assert.Contains("De sessie is afgesloten. Dank je wel, allemaal!", Texts(last.Card!));
        Assert.Empty(Verbs(last.Card!));
        Assert.Null(last.Card!["refresh"]);
        Assert.Equal(People.Select(p => p.Name).Order(), final["Aanwezig (6)"].Split(", ").Order());
        Assert.Equal("Lotte Vermeulen", final["Moderator"]);

        // One live card all along, then the summary card in the group's language; the playground accepted every call of the bot.
        var cards = _playground.Messages.Items.Where(m => !m.IsUpdate && m.Card is not null).ToList();
        Assert.Equal(2, cards.Count);
        Assert.Equal(cardId, cards[0].MessageId);
        Assert.Contains("Verslag: Connectortafel: Wijkcentrum", Texts(cards[1].Card!));
        Assert.All(_playground.Log.Items.Where(e => e.IsToBot), e => Assert.Equal(200, e.ResponseStatus));
        var botCalls = _playground.Log.Items.Where(e => e.IsFromBot).ToList();
        Assert.All(botCalls, e => Assert.InRange(e.ResponseStatus ?? 0, 200, 299));

        // The card and the announcements speak the group's language (An's), and say so, although
        // everyone after An pressed buttons in en-US.
        Assert.All(botCalls, e => Assert.Equal("nl-BE", (string?)e.RequestBody?["locale"]));

        // What Azurite holds: the closed session with six people, the roles and Lotte as moderator.
        var stored = await ReadStoredSessionsAsync();
        Assert.Equal(Group, stored.Conversation.ConversationId);
        Assert.Equal("nl-BE", stored.Locale);
        var session = stored.Current!;
        Assert.Equal(sessionId, session.Id);
        Assert.Equal(cardId, session.CardActivityId);
        Assert.Equal(SessionStatus.Closed, session.Status);
        Assert.NotNull(session.ClosedAt);
        Assert.Equal(lotte.Id, session.Moderator);
        Assert.Equal(People.Select(p => p.Id), session.Participants.Select(p => p.Key));
        Assert.All(session.Participants, p => Assert.Equal(Presence.Present, p.Presence));
        Assert.Equal(jef.Id, session.HolderOf(Role.Timekeeper));
        Assert.Equal(mentioned.Order(), new[] { session.HolderOf(Role.ChatScribe)!, session.HolderOf(Role.MethodicalSupporter)! }.Order());
    }

    /// <summary>Presses a button of the live card in the playground, as <paramref name="person"/>.</summary>
    private async Task<PlaygroundInvokeResponse> PressAsync(PlaygroundUser person, string verb, JsonObject? data = null)
    {
        var all = Data(_sessionId);
        foreach (var (key, value) in data ?? [])
        {
            all[key] = value?.DeepClone();
        }

        return await _playground.InvokeCardActionAsync(Group, _cardId, verb, all, person.Id);
    }

    /// <summary>Waits for an update of the shared card that shows <paramref name="state"/>; returns its facts.</summary>
    private async Task<Dictionary<string, string>> SharedCardAsync(string cardId, Func<Dictionary<string, string>, bool> state)
    {
        var updates = await _playground.Messages.WaitForAsync(
            m => m.IsUpdate && m.MessageId == cardId && m.Card is { } card && state(Facts(card)), diagnostics: _playground.Diagnostics);
        return Facts(updates[^1].Card!);
    }

    private async Task<ConversationSessions> ReadStoredSessionsAsync()
    {
        var store = BlobDocumentStore.WithConnectionString(_azurite.ConnectionString, new StorageOptions().Container, NullLogger<BlobDocumentStore>.Instance);
        var state = StorageTestSupport.State(store);
        var hash = await new KeyedHashProvider(state, TimeProvider.System).GetAsync(CancellationToken.None);
        var stored = await state.ReadAsync(SessionKeys.ConversationSessions(hash, Group), ConversationSessions.Kind, CancellationToken.None);
        return Assert.IsType<Versioned<ConversationSessions>>(stored).Value;
    }

    private static JsonObject Data(string sessionId) => new() { [SessionVerbs.SessionIdKey] = sessionId };

    private static JsonObject Card(PlaygroundInvokeResponse response) =>
        response.Card ?? throw new Xunit.Sdk.XunitException($"Expected a card back, got {response.Type}: {response.Value?.ToJsonString()}");
}
