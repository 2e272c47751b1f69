using System.Text.Json.Nodes;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Bot.Tests.Pitches.PlanningHarness;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// The pitch card before a planned session, over real HTTP: "Stel je vraag vooraf" in the group
/// sends it to the presser's 1:1 chat (a new one, the stored one, or a new one when the stored
/// one is gone); pressed in the 1:1 chat it answers with the card, for members of the group only;
/// "vraag" typed in the 1:1 chat offers the sessions of the person's groups.
/// </summary>
public sealed class PlanningPitchFormTests : IAsyncLifetime
{
    private const string AliveInput = "\"pitchAlive\"";

    private PlanningHarness _h = null!;

    public async Task InitializeAsync() => _h = await PlanningHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Ask_beforehand_in_the_group_sends_the_pitch_card_to_a_new_1on1_chat()
    {
        var session = await _h.PlanAsync(Gent, An);
        _h.Connector.Clear();

        var answer = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, Gent);

        Assert.Equal(Say("nl-BE", "PitchFormSent"), MessageOf(answer));
        var create = Assert.Single(_h.Connector.Calls, c => c.Method == "POST" && c.Path == "/v3/conversations");
        Assert.Equal(Jef.Id, create.Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.TenantId, create.Body["tenantId"]!.GetValue<string>());
        Assert.False(create.Body["isGroup"]!.GetValue<bool>());
        var chat = "a:1on1-" + Jef.Id;
        var card = Assert.Single(_h.PostsTo(chat)).Card!;
        AssertPitchForm(card, session, "nl-BE");
        Assert.Empty(_h.PostsTo(Gent));
        await AssertValidAsync(("pitch-form/nl-BE", card));

        // The chat is remembered: the next time the card goes there without making one.
        _h.Connector.Clear();
        var again = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, Gent);
        Assert.Equal(Say("nl-BE", "PitchFormSent"), MessageOf(again));
        Assert.DoesNotContain(_h.Connector.Calls, c => c.Path == "/v3/conversations");
        Assert.Single(_h.PostsTo(chat));
    }

    [Fact]
    public async Task Someone_who_wrote_to_the_bot_gets_the_card_in_that_chat_in_their_language_and_a_new_chat_when_it_is_gone()
    {
        var session = await _h.PlanAsync(Gent, An);
        await _h.SayAsync(Fatima, "hello", group: null, "en-US");
        _h.Connector.Clear();

        var answer = await _h.PressAsync(Fatima, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, Gent, "en-US");

        Assert.Equal(Say("en-US", "PitchFormSent"), MessageOf(answer));
        Assert.DoesNotContain(_h.Connector.Calls, c => c.Path == "/v3/conversations");
        var card = Assert.Single(_h.PostsTo(PersonalChatOf(Fatima))).Card!;
        AssertPitchForm(card, session, "en-US");
        await AssertValidAsync(("pitch-form/en-US", card));

        // The stored chat answers 404 (the bot was removed and added again): a new chat is made.
        _h.Connector.Clear();
        _h.Connector.FailNext(404);
        var again = await _h.PressAsync(Fatima, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, Gent, "en-US");
        Assert.Equal(Say("en-US", "PitchFormSent"), MessageOf(again));
        Assert.Single(_h.Connector.Calls, c => c.Path == "/v3/conversations");
        Assert.Single(_h.PostsTo("a:1on1-" + Fatima.Id));
    }

    [Fact]
    public async Task When_Teams_will_not_open_or_reach_the_1on1_chat_the_presser_is_told_how_to_get_the_card()
    {
        var session = await _h.PlanAsync(Gent, An);
        _h.Connector.Clear();
        _h.Connector.FailNext(403, errorCode: "BotNotInConversationRoster");

        var answer = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, Gent);

        Assert.Equal(Say("nl-BE", "PitchFormNoPersonalChat"), MessageOf(answer));
        Assert.DoesNotContain(_h.Connector.Calls, c => c.Card is not null);

        // Fatima's stored chat fails (not a sign the chat is gone): no new chat, the same advice.
        await _h.SayAsync(Fatima, "hallo");
        _h.Connector.Clear();
        _h.Connector.FailNext(500);
        var down = await _h.PressAsync(Fatima, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, Gent);
        Assert.Equal(Say("nl-BE", "PitchFormNoPersonalChat"), MessageOf(down));
        Assert.DoesNotContain(_h.Connector.Calls, c => c.Path == "/v3/conversations");
        Assert.Single(_h.Connector.Calls);
    }

    [Theory]
    [InlineData("nl-BE")]
    [InlineData("en-US")]
    public async Task Pressed_in_the_1on1_chat_a_member_gets_the_form_and_others_are_refused(string locale)
    {
        var session = await _h.PlanAsync(Gent, An);
        var data = new JsonObject { ["sessionId"] = session.Id, ["conversationId"] = Gent };

        var member = await _h.PressAsync(Jef, "session.pitch.form", data, group: null, locale);
        Assert.Equal("application/vnd.microsoft.card.adaptive", member["type"]!.GetValue<string>());
        AssertPitchForm(member["value"]!.AsObject(), session, locale);

        // Sofie is in no group; Lotte is in Brugge, not in Gent.
        foreach (var stranger in new[] { Sofie, Lotte })
        {
            var refused = await _h.PressAsync(stranger, "session.pitch.form", data.DeepClone().AsObject(), group: null, locale);
            Assert.Equal(Say(locale, "PitchFormNotMember"), MessageOf(refused));
        }

        var noGroup = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id }, group: null, locale);
        Assert.Equal(Say(locale, "SessionCardOutdated"), MessageOf(noGroup));
        var otherSession = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = "no-such-session", ["conversationId"] = Gent }, group: null, locale);
        Assert.Equal(Say(locale, "SessionCardOutdated"), MessageOf(otherSession));
        var noSession = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["conversationId"] = Gent }, group: null, locale);
        Assert.Equal(Say(locale, "UnknownAction"), MessageOf(noSession));
    }

    [Fact]
    public async Task When_the_roster_cannot_be_read_the_person_is_asked_to_try_again()
    {
        var session = await _h.PlanAsync(Gent, An);
        _h.Connector.FailNext(403);

        var answer = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id, ["conversationId"] = Gent });

        Assert.Equal(Say("nl-BE", "PitchFormTryAgain"), MessageOf(answer));
        var retried = await _h.PressAsync(Jef, "session.pitch.form", new JsonObject { ["sessionId"] = session.Id, ["conversationId"] = Gent });
        AssertPitchForm(retried["value"]!.AsObject(), session, "nl-BE");
    }

    [Fact]
    public async Task Typing_vraag_in_the_1on1_chat_offers_the_sessions_of_the_persons_groups()
    {
        var gent = await _h.PlanAsync(Gent, An);
        var brugge = await _h.PlanAsync(Brugge, Lotte, "Zaal De Brug");
        _h.Connector.Clear();

        // An is in both groups: which session is the question for?
        await _h.SayAsync(An, "vraag");
        var choice = Assert.Single(_h.PostsTo(PersonalChatOf(An))).Card!;
        var buttons = Buttons(choice).Where(b => b["verb"]?.GetValue<string>() == "session.pitch.form").ToList();
        Assert.Equal(
            new[] { (gent.Id, Gent), (brugge.Id, Brugge) }.Order(),
            buttons.Select(b => (b["data"]!["sessionId"]!.GetValue<string>(), b["data"]!["conversationId"]!.GetValue<string>())).Order());
        Assert.Contains(InJson(Say("nl-BE", "PitchChooseTitle")), choice.ToJsonString(), StringComparison.Ordinal);

        // Jef is only in Gent: the card itself. Lotte asks in English, in Brugge only.
        await _h.SayAsync(Jef, "Vraag");
        AssertPitchForm(Assert.Single(_h.PostsTo(PersonalChatOf(Jef))).Card!, gent, "nl-BE");
        await _h.SayAsync(Lotte, "my question", group: null, "en-US");
        var lotte = Assert.Single(_h.PostsTo(PersonalChatOf(Lotte))).Card!;
        AssertPitchForm(lotte, brugge, "en-US");

        // Sofie is in neither.
        await _h.SayAsync(Sofie, "pitch");
        var none = Assert.Single(_h.PostsTo(PersonalChatOf(Sofie))).Card!;
        Assert.Contains(InJson(Say("nl-BE", "PitchChooseNone")), none.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Buttons(none));

        await AssertValidAsync(("choose/nl-BE", choice), ("pitch/en-US", lotte), ("none/nl-BE", none));
    }

    [Fact]
    public async Task Typing_vraag_in_the_group_sends_the_card_of_its_planned_session_to_the_1on1_chat()
    {
        await _h.SayAsync(Jef, "vraag", Gent);
        Assert.Equal(Say("nl-BE", "PitchChooseNone"), Assert.Single(_h.PostsTo(Gent)).Text);

        var session = await _h.PlanAsync(Gent, An);
        _h.Connector.Clear();
        await _h.SayAsync(Jef, "vraag", Gent);

        Assert.Equal(Say("nl-BE", "PitchFormSent"), Assert.Single(_h.PostsTo(Gent)).Text);
        AssertPitchForm(Assert.Single(_h.PostsTo("a:1on1-" + Jef.Id)).Card!, session, "nl-BE");
    }

    [Fact]
    public async Task A_started_session_stays_on_offer_and_a_closed_one_leaves_the_index()
    {
        var session = await _h.PlanAsync(Gent, An);
        await _h.SayAsync(An, "start connectortafel", Gent);
        Assert.Equal(SessionStatus.Open, (await _h.SessionsAsync(Gent))!.Current!.Status);

        _h.Connector.Clear();
        await _h.SayAsync(Jef, "vraag");
        var started = Assert.Single(_h.PostsTo(PersonalChatOf(Jef))).Card!.ToJsonString();
        Assert.Contains(InJson(Say("nl-BE", "PitchCardStartedNoPitch")), started, StringComparison.Ordinal);
        Assert.DoesNotContain(AliveInput, started, StringComparison.Ordinal);

        await _h.PressAsync(An, "session.close", new JsonObject { ["sessionId"] = session.Id }, Gent);
        await _h.PressAsync(An, "session.closeConfirm", new JsonObject { ["sessionId"] = session.Id }, Gent);
        Assert.Equal(SessionStatus.Closed, (await _h.SessionsAsync(Gent))!.Current!.Status);
        Assert.Single((await _h.IndexAsync()).Entries);

        _h.Connector.Clear();
        await _h.SayAsync(Jef, "vraag");
        Assert.Empty(Buttons(Assert.Single(_h.PostsTo(PersonalChatOf(Jef))).Card!));
        Assert.Empty((await _h.IndexAsync()).Entries);
    }

    /// <summary>The editable pitch card of this session, in this language, naming its group on its buttons.</summary>
    private static void AssertPitchForm(JsonObject card, Session session, string locale)
    {
        var json = card.ToJsonString();
        Assert.Contains(AliveInput, json, StringComparison.Ordinal);
        foreach (var key in new[] { "PitchQuestionWhatIsAlive", "PitchQuestionWhatYouSeek", "PitchQuestionNextStep", "PitchQuestionCuriousAbout", "PitchListenOnlyChoice", "PitchVisibilityFacilitatorsOnly", "PitchVisibilityAnonymous" })
        {
            Assert.Contains(InJson(Say(locale, key)), json, StringComparison.Ordinal);
        }

        var submit = Assert.Single(Buttons(card), b => b["verb"]?.GetValue<string>() == "session.pitch.submit");
        Assert.Equal(session.Id, submit["data"]!["sessionId"]!.GetValue<string>());
        Assert.Equal(session.ConversationKey, submit["data"]!["conversationId"]!.GetValue<string>());
    }
}
