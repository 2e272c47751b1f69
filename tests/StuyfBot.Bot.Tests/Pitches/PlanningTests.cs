using System.Globalization;
using System.Text.Json.Nodes;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Bot.Tests.Pitches.PlanningHarness;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// Planning a session over real HTTP: typed in Flemish and English, with the help card's form,
/// bad dates and times (a reply in the planner's language, nothing stored), only in groups, and
/// the announcement: the session's card with "Stel je vraag vooraf" (valid for the official
/// parser) and a message without @mentions.
/// </summary>
public sealed class PlanningTests : IAsyncLifetime
{
    private PlanningHarness _h = null!;

    public async Task InitializeAsync() => _h = await PlanningHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_typed_plan_posts_the_card_with_ask_beforehand_and_a_message_without_mentions()
    {
        await _h.SayAsync(An, $"plan connectortafel {DayMonth} 19u30 Wijkcentrum Noord", Gent);

        var posts = await _h.Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == Gent, count: 2);
        var (cardPost, message) = (posts[0], posts[1]);
        Assert.Null(cardPost.Text);
        var card = cardPost.Card!;
        var json = card.ToJsonString();
        Assert.Contains("Wijkcentrum Noord", json, StringComparison.Ordinal);
        Assert.Contains(InJson(Say("nl-BE", "ButtonAskBeforehand")), json, StringComparison.Ordinal);
        Assert.Contains("\"session.pitch.form\"", json, StringComparison.Ordinal);
        Assert.Contains("\"session.start\"", json, StringComparison.Ordinal);
        await AssertValidAsync(("planned/nl-BE", card));

        var session = (await _h.SessionsAsync(Gent))!.Current!;
        Assert.Equal(SessionStatus.Planned, session.Status);
        Assert.Equal(SessionKind.Connectortafel, session.Kind);
        Assert.Equal("Wijkcentrum Noord", session.Title);
        Assert.Equal(At(new TimeOnly(19, 30)), session.PlannedFor);
        Assert.Equal(An.Id, session.Moderator);
        Assert.Empty(session.Participants);
        Assert.Equal("act-1", session.CardActivityId);
        Assert.Contains(session.Id, json, StringComparison.Ordinal);

        Assert.Equal(Say("nl-BE", "RoundPlannedAnnouncement", Say("nl-BE", "SessionKindConnectortafel"), WhenText("nl-BE", session.PlannedFor!.Value)), message.Text);
        Assert.DoesNotContain("<at>", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(message.Body!["entities"]?.AsArray() ?? new JsonArray(), e => e!["type"]?.GetValue<string>() == "mention");

        var entry = Assert.Single((await _h.IndexAsync()).Entries);
        Assert.Equal((Gent, session.Id, session.PlannedFor), (entry.ConversationId, entry.SessionId, entry.StartsAt));
    }

    [Fact]
    public async Task An_English_plan_is_read_and_announced_in_English()
    {
        var month = Day.ToString("MMMM", CultureInfo.InvariantCulture);
        await _h.SayAsync(Lotte, $"plan open house {month} {Day.Day} 7:30 pm", Brugge, "en-US");

        var posts = await _h.Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == Brugge, count: 2);
        var json = posts[0].Card!.ToJsonString();
        Assert.Contains(InJson(Say("en-US", "ButtonAskBeforehand")), json, StringComparison.Ordinal);
        Assert.DoesNotContain(InJson(Say("nl-BE", "ButtonAskBeforehand")), json, StringComparison.Ordinal);
        await AssertValidAsync(("planned/en-US", posts[0].Card!));

        var session = (await _h.SessionsAsync(Brugge))!.Current!;
        Assert.Equal(SessionKind.OpenHuys, session.Kind);
        Assert.Null(session.Title);
        Assert.Equal(At(new TimeOnly(19, 30)), session.PlannedFor);
        Assert.Equal(Say("en-US", "RoundPlannedAnnouncement", Say("en-US", "SessionKindOpenHuys"), WhenText("en-US", session.PlannedFor!.Value)), posts[1].Text);
    }

    [Theory]
    [InlineData("nl-BE", "plan connectortafel 31/2 19:30", "PlanProblemBadDate")]
    [InlineData("nl-BE", "plan connectortafel {day} 25:00", "PlanProblemBadTime")]
    [InlineData("nl-BE", "plan open huys {day}", "PlanProblemNoTime")]
    [InlineData("nl-BE", "plan connectortafel", "PlanProblemNoDate")]
    [InlineData("nl-BE", "plan connectortafel 2020-03-01 19:30", "PlanProblemInThePast")]
    [InlineData("en-US", "plan connector table 31/2 7pm", "PlanProblemBadDate")]
    [InlineData("en-US", "plan connector table {day} at 13 pm", "PlanProblemBadTime")]
    [InlineData("en-US", "plan open house {nextYear} 19:30", "PlanProblemTooFarAhead")]
    [InlineData("en-US", "plan a picnic tomorrow", "NotUnderstood")]
    public async Task A_bad_plan_gets_a_reply_in_the_planners_language_and_changes_nothing(string locale, string typed, string expected)
    {
        var command = typed
            .Replace("{day}", DayMonth, StringComparison.Ordinal)
            .Replace("{nextYear}", Day.AddYears(1).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);

        await _h.SayAsync(Jef, command, Gent, locale);

        var reply = Assert.Single(await _h.Connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal(Say(locale, expected), reply.Text);
        Assert.Null(reply.Card);
        Assert.Null(await _h.SessionsAsync(Gent));
        Assert.Empty((await _h.IndexAsync()).Entries);
    }

    [Theory]
    [InlineData("nl-BE")]
    [InlineData("en-US")]
    public async Task Planning_in_a_1on1_chat_says_it_is_for_groups(string locale)
    {
        await _h.SayAsync(An, $"plan connectortafel {DayMonth} 19:30", group: null, locale);
        var typed = Assert.Single(await _h.Connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal(Say(locale, "PlanOnlyInGroups"), typed.Text);

        var pressed = await _h.PressAsync(An, "session.plan", FormData("connectortafel", Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "19:30"), group: null, locale);
        Assert.Equal(Say(locale, "PlanOnlyInGroups"), MessageOf(pressed));

        Assert.Null(await _h.SessionsAsync(PersonalChatOf(An)));
        Assert.Single(_h.Connector.Calls, c => c.Method == "POST");
    }

    [Fact]
    public async Task The_help_cards_plan_form_plans_and_its_bad_input_changes_nothing()
    {
        var iso = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var badTime = await _h.PressAsync(Fatima, "session.plan", FormData("openHuys", iso, "25:61"), Gent, "en-GB");
        Assert.Equal(Say("en-GB", "PlanProblemBadTime"), MessageOf(badTime));
        var badDate = await _h.PressAsync(Fatima, "session.plan", FormData("openHuys", "28-11-2026", "19:30"), Gent);
        Assert.Equal(Say("nl-BE", "PlanProblemBadDate"), MessageOf(badDate));
        var noKind = await _h.PressAsync(Fatima, "session.plan", FormData("picnic", iso, "19:30"), Gent);
        Assert.Equal(Say("nl-BE", "UnknownAction"), MessageOf(noKind));
        Assert.Null(await _h.SessionsAsync(Gent));
        Assert.Empty(_h.Connector.Calls);

        var planned = await _h.PressAsync(Fatima, "session.plan", FormData("openHuys", iso, "09:15", "Wijkcentrum"), Gent);
        Assert.Equal(Say("nl-BE", "SessionPlannedBelow"), MessageOf(planned));
        var session = (await _h.SessionsAsync(Gent))!.Current!;
        Assert.Equal((SessionKind.OpenHuys, "Wijkcentrum", At(new TimeOnly(9, 15)), Fatima.Id), (session.Kind, session.Title, session.PlannedFor, session.Moderator));
        var posts = await _h.Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == Gent, count: 2);
        Assert.Contains(session.Id, posts[0].Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Say("nl-BE", "SessionKindOpenHuys"), posts[1].Text, StringComparison.Ordinal);

        // A second plan while one is planned: refused, nothing new posted.
        var again = await _h.PressAsync(Jef, "session.plan", FormData("connectortafel", iso, "20:00"), Gent);
        Assert.Equal(Say("nl-BE", "RefusalAlreadyPlanned"), MessageOf(again));
        var current = (await _h.SessionsAsync(Gent))!.Current!;
        Assert.Equal((session.Id, SessionKind.OpenHuys), (current.Id, current.Kind));
        Assert.Equal(2, _h.Connector.Calls.Count(c => c.Method == "POST"));
    }

    [Fact]
    public async Task A_typed_plan_while_one_is_planned_or_a_too_long_title_is_refused_kindly()
    {
        var first = await _h.PlanAsync(Gent, An);
        _h.Connector.Clear();

        await _h.SayAsync(Jef, $"plan open huys {DayMonth} 20:00", Gent);
        var refusal = Assert.Single(await _h.Connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal(Say("nl-BE", "RefusalAlreadyPlanned"), refusal.Text);

        _h.Connector.Clear();
        await _h.SayAsync(Lotte, $"plan open huys {DayMonth} 20:00 {new string('x', SessionRules.MaxTitleLength + 1)}", Brugge, "en-US");
        var tooLong = Assert.Single(await _h.Connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal(Say("en-US", "RefusalTitleTooLong", SessionRules.MaxTitleLength), tooLong.Text);

        var still = (await _h.SessionsAsync(Gent))!.Current!;
        Assert.Equal((first.Id, first.Kind, first.PlannedFor), (still.Id, still.Kind, still.PlannedFor));
        Assert.Null(await _h.SessionsAsync(Brugge));
        Assert.Single((await _h.IndexAsync()).Entries);
    }

    [Theory]
    [InlineData("nl-BE")]
    [InlineData("en-US")]
    public async Task The_group_help_card_offers_planning_and_the_question_once(string locale)
    {
        await _h.SayAsync(An, "help", Gent, locale);

        var help = Assert.Single(await _h.Connector.WaitForAsync(c => c.Card is not null)).Card!;
        var json = help.ToJsonString();
        Assert.Single(Facts(help), f => f == "plan connectortafel 28/11 19:30 [titel]");
        Assert.Single(Facts(help), f => f == "vraag");
        Assert.Single(Facts(help), f => f == "start connectortafel [titel]");
        Assert.Contains("\"session.plan\"", json, StringComparison.Ordinal);
        Assert.Contains(InJson(Say(locale, "HelpCommandPlan")), json, StringComparison.Ordinal);
        Assert.Contains(InJson(Say(locale, "ButtonPlanSession")), json, StringComparison.Ordinal);
        await AssertValidAsync(($"help/{locale}", help));
    }

    private static JsonObject FormData(string kind, string date, string time, string? title = null)
    {
        var data = new JsonObject { ["planKind"] = kind, ["planDate"] = date, ["planTime"] = time };
        if (title is not null)
        {
            data["planTitle"] = title;
        }

        return data;
    }

    private static string WhenText(string locale, DateTimeOffset at) =>
        Say(locale, "PitchWhen", StuyfplekTime.ToLocal(at));

    private static IEnumerable<string> Facts(JsonNode card) =>
        card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(f => f!["facts"]!.AsArray().Select(x => x!["title"]!.GetValue<string>()));
}
