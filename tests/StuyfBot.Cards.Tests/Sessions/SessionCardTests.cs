using System.Text.Json.Nodes;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Sessions;

/// <summary>The live session card shows the right things and the right buttons to the right person.</summary>
public sealed class SessionCardTests
{
    private static readonly string[] ModeratorVerbs =
    [
        SessionVerbs.DivideRoles, SessionVerbs.AssignRole, SessionVerbs.UnassignRole, SessionVerbs.HandOver,
        SessionVerbs.RequestClose, SessionVerbs.ConfirmClose, SessionVerbs.CancelClose,
    ];

    private static readonly Text Flemish = Text.For("nl-BE");
    private static readonly Text English = Text.For("en-US");

    public static TheoryData<string> StateNames() => [.. States.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(StateNames))]
    public void The_shared_card_never_shows_moderator_buttons(string state)
    {
        var card = Render(Sample(state), SessionViewer.Everyone);

        Assert.Empty(CardJson.Verbs(card).Intersect(ModeratorVerbs));
        Assert.DoesNotContain(CardJson.Verbs(card), v => v is SessionVerbs.Leave or SessionVerbs.ReturnRole);
    }

    [Theory]
    [MemberData(nameof(StateNames))]
    public void Only_the_moderators_own_view_has_moderator_buttons(string state)
    {
        foreach (var person in new[] { Bart, Carla, Dirk, Eva })
        {
            Assert.Empty(CardJson.Verbs(Render(Sample(state), SessionViewer.For(person.Key))).Intersect(ModeratorVerbs));
        }
    }

    [Theory]
    [MemberData(nameof(StateNames))]
    public void Every_button_a_person_sees_is_one_the_rules_accept_for_them(string state)
    {
        var session = Sample(state);
        foreach (var person in new[] { An, Bart, Carla, Dirk, Eva, new Actor("29:stranger", "Stranger") })
        {
            foreach (var button in CardJson.Buttons(Render(session, SessionViewer.For(person.Key))))
            {
                foreach (var data in Filled(button))
                {
                    Assert.True(Accepts(session, button.Verb, data, person), $"{state}: {person.Name} sees '{button.Title}' ({button.Verb}) but it is refused");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(StateNames))]
    public void Every_shared_button_is_one_someone_may_use(string state)
    {
        var session = Sample(state);
        Actor[] anyone = [An, Bart, Carla, Dirk, Eva, new Actor("29:newcomer", "Newcomer")];

        foreach (var button in CardJson.Buttons(Render(session, SessionViewer.Everyone)))
        {
            Assert.Contains(anyone, person => Filled(button).Any(data => Accepts(session, button.Verb, data, person)));
        }
    }

    [Fact]
    public void The_moderator_gets_the_tools_divide_assign_take_back_hand_over_and_close()
    {
        var verbs = CardJson.Verbs(Render(OpenWithFreeRole, SessionViewer.For(An.Key)));

        Assert.Subset(
            verbs.ToHashSet(),
            new HashSet<string> { SessionVerbs.DivideRoles, SessionVerbs.AssignRole, SessionVerbs.UnassignRole, SessionVerbs.HandOver, SessionVerbs.RequestClose });
        Assert.DoesNotContain(SessionVerbs.ConfirmClose, verbs);
    }

    [Fact]
    public void While_closing_the_moderator_is_asked_to_confirm_and_others_see_no_question()
    {
        var moderator = Render(PendingClose, SessionViewer.For(An.Key));
        var participant = Render(PendingClose, SessionViewer.For(Bart.Key));

        Assert.Contains(Flemish["SessionCloseQuestion"], CardJson.AllText(moderator), StringComparison.Ordinal);
        Assert.Contains(SessionVerbs.ConfirmClose, CardJson.Verbs(moderator));
        Assert.Contains(SessionVerbs.CancelClose, CardJson.Verbs(moderator));
        Assert.DoesNotContain(SessionVerbs.RequestClose, CardJson.Verbs(moderator));
        Assert.DoesNotContain(Flemish["SessionCloseQuestion"], CardJson.AllText(participant), StringComparison.Ordinal);
    }

    [Fact]
    public void A_participant_with_a_role_can_give_it_back_switch_to_listening_say_niet_deze_keer_and_leave()
    {
        var verbs = CardJson.Verbs(Render(OpenWithFreeRole, SessionViewer.For(Bart.Key)));

        Assert.Contains(SessionVerbs.ReturnRole, verbs);
        Assert.Contains(SessionVerbs.Listen, verbs);
        Assert.Contains(SessionVerbs.OptOut, verbs);
        Assert.Contains(SessionVerbs.Leave, verbs);
        Assert.Contains(SessionVerbs.TakeRole, verbs);
        Assert.DoesNotContain(SessionVerbs.CheckIn, verbs);
    }

    [Fact]
    public void A_listener_can_switch_to_present_and_someone_who_said_niet_deze_keer_can_undo_it()
    {
        var listener = CardJson.Verbs(Render(OpenWithFreeRole, SessionViewer.For(Dirk.Key)));
        var optedOut = Render(OpenWithFreeRole, SessionViewer.For(Carla.Key));

        Assert.Contains(SessionVerbs.CheckIn, listener);
        Assert.DoesNotContain(SessionVerbs.Listen, listener);
        Assert.Contains(SessionVerbs.OptIn, CardJson.Verbs(optedOut));
        Assert.DoesNotContain(SessionVerbs.OptOut, CardJson.Verbs(optedOut));
        Assert.Contains(Flemish["SessionYouOptedOut"], CardJson.AllText(optedOut), StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_who_did_not_check_in_sees_the_check_in_buttons_only()
    {
        var verbs = CardJson.Verbs(Render(OpenWithFreeRole, SessionViewer.For("29:stranger")));

        Assert.Equal([SessionVerbs.CheckIn, SessionVerbs.Listen], verbs);
    }

    [Fact]
    public void The_card_shows_the_kind_title_status_people_and_roles()
    {
        var text = CardJson.AllText(Render(OpenWithPeople, SessionViewer.Everyone));
        var planned = CardJson.AllText(Render(Planned, SessionViewer.Everyone));

        Assert.Contains("Connectortafel", text, StringComparison.Ordinal);
        Assert.Contains("Bezig", text, StringComparison.Ordinal);
        Assert.Contains("An, Bart, Carla (niet deze keer)", text, StringComparison.Ordinal);
        Assert.Contains("Dirk", text, StringComparison.Ordinal);
        Assert.Contains("Eva", text, StringComparison.Ordinal);
        foreach (var role in RoleList.All)
        {
            Assert.Contains(Flemish[$"Role{role}"], text, StringComparison.Ordinal);
        }

        Assert.Contains(Flemish["SessionNoPitches"], text, StringComparison.Ordinal);
        Assert.Contains("Open huys: Dinsdagavond", planned, StringComparison.Ordinal);
        Assert.Contains(Flemish["SessionStatusPlanned"], planned, StringComparison.Ordinal);
    }

    [Fact]
    public void The_roles_show_their_holders_or_that_they_are_free()
    {
        var card = Render(OpenWithFreeRole, SessionViewer.Everyone, English);

        var facts = CardJson.Elements(card, "FactSet")
            .SelectMany(f => f["facts"]!.AsArray())
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("An", facts["Moderator"]);
        Assert.Equal("Bart", facts["Timekeeper"]);
        Assert.Equal(NameOf(OpenWithFreeRole.HolderOf(Role.ChatScribe)!), facts["Chat scribe"]);
        Assert.Equal("free", facts["Methodical supporter"]);
    }

    [Fact]
    public void When_the_moderator_left_the_card_says_so_in_words_and_offers_to_take_over()
    {
        var shared = Render(ModeratorGone, SessionViewer.Everyone);
        var bart = Render(ModeratorGone, SessionViewer.For(Bart.Key));
        var an = Render(ModeratorGone, SessionViewer.For(An.Key));

        Assert.Contains(Flemish["SessionModeratorLeftWarning"], CardJson.AllText(shared), StringComparison.Ordinal);
        Assert.Contains("An (vertrokken)", CardJson.AllText(shared), StringComparison.Ordinal);
        Assert.Contains(SessionVerbs.TakeOver, CardJson.Verbs(shared));
        Assert.Contains(SessionVerbs.TakeOver, CardJson.Verbs(bart));
        Assert.DoesNotContain(SessionVerbs.TakeOver, CardJson.Verbs(an));
        Assert.Contains(SessionVerbs.CheckIn, CardJson.Verbs(an));
    }

    [Fact]
    public void A_closed_card_thanks_everyone_and_has_no_buttons_and_no_refresh()
    {
        foreach (var (_, viewer) in Viewers)
        {
            var card = Render(Closed, viewer);

            Assert.Empty(CardJson.Buttons(card));
            Assert.Null(card["refresh"]);
            Assert.Contains(Flemish["SessionClosedThanks"], CardJson.AllText(card), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_session_that_never_began_shows_no_people_or_roles()
    {
        foreach (var session in new[] { Planned, Cancelled })
        {
            var text = CardJson.AllText(Render(session, SessionViewer.For(An.Key)));

            Assert.DoesNotContain(Flemish["SessionRolesTitle"], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Flemish["SessionWhoIsHere"], text, StringComparison.Ordinal);
            Assert.DoesNotContain(An.Key, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_open_card_asks_teams_to_refresh_it_per_person_with_the_session_id()
    {
        var card = Render(OpenWithPeople, SessionViewer.Everyone);

        var refresh = card["refresh"]!.AsObject();
        Assert.Equal(SessionVerbs.Refresh, refresh["action"]!["verb"]!.GetValue<string>());
        Assert.Equal("s1", refresh["action"]!["data"]![SessionVerbs.SessionIdKey]!.GetValue<string>());
        Assert.Equal(
            [An.Key, Bart.Key, Carla.Key, Dirk.Key, Eva.Key],
            refresh["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public void The_refresh_lists_at_most_sixty_people_moderator_first()
    {
        var crowd = Enumerable.Range(0, 70).Aggregate(
            OpenEmpty, (s, i) => Run(s, (new CheckIn(CheckInMode.Present), new Actor($"29:p{i}", $"P{i}"))));
        var handed = Run(crowd, (new HandOverModeration("29:p65"), An));

        var users = SessionCard.RefreshUsers(handed);

        Assert.Equal(SessionCard.MaxRefreshUsers, users.Count);
        Assert.Equal("29:p65", users[0]);
        Assert.Equal(users.Count, users.Distinct().Count());
    }

    [Fact]
    public void Every_button_carries_the_session_id_and_reads_back_to_a_command()
    {
        foreach (var (name, session) in States)
        {
            foreach (var (_, viewer) in Viewers)
            {
                foreach (var button in CardJson.Buttons(Render(session, viewer)))
                {
                    Assert.Equal(session.Id, button.Data[SessionVerbs.SessionIdKey]);
                    Assert.All(Filled(button), data => Assert.NotNull(SessionVerbs.Read(button.Verb, data)));
                }
            }
        }
    }

    [Fact]
    public void Headings_are_marked_as_headings_and_all_text_wraps()
    {
        var card = Render(OpenWithFreeRole, SessionViewer.For(An.Key));

        var blocks = CardJson.Elements(card, "TextBlock");
        Assert.All(blocks, b => Assert.True(b["wrap"]!.GetValue<bool>()));
        Assert.True(blocks.Count(b => b["style"]?.GetValue<string>() == "heading") >= 4);
        Assert.All(CardJson.Elements(card, "Input.ChoiceSet"), i => Assert.False(string.IsNullOrEmpty(i["label"]?.GetValue<string>())));
    }

    [Fact]
    public void The_card_speaks_the_readers_language()
    {
        var flemish = CardJson.AllText(Render(OpenWithFreeRole, SessionViewer.For(An.Key), Flemish));
        var english = CardJson.AllText(Render(OpenWithFreeRole, SessionViewer.For(An.Key), English));

        Assert.Contains("Ik luister mee", flemish, StringComparison.Ordinal);
        Assert.Contains("Verdeel de rollen", flemish, StringComparison.Ordinal);
        Assert.Contains("I'm listening", english, StringComparison.Ordinal);
        Assert.Contains("Divide the roles", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Verdeel", english, StringComparison.Ordinal);
    }

    private static IEnumerable<Dictionary<string, string?>> Filled(CardJson.Button button) => CardRules.Filled(button);

    private static bool Accepts(Session session, string verb, IReadOnlyDictionary<string, string?> data, Actor person) =>
        CardRules.Accepts(new SessionView(session), verb, data, person, Now);

    private static string NameOf(string key) => new[] { An, Bart, Carla, Dirk, Eva }.Single(a => a.Key == key).Name;

    [Fact]
    public void A_view_without_records_shows_no_pitch_round_buttons_and_one_with_records_does()
    {
        var session = OpenWithPeople;

        var withoutRound = SessionCard.Render(new SessionView(session), Flemish, SessionViewer.For(An.Key)).ToJson().ToJsonString();
        var withRound = SessionCard.Render(SessionView.Of(session, SessionRecords.Empty), Flemish, SessionViewer.For(An.Key)).ToJson().ToJsonString();

        Assert.DoesNotContain("session.pitch.", withoutRound, StringComparison.Ordinal);
        Assert.DoesNotContain("session.timer.", withoutRound, StringComparison.Ordinal);
        Assert.Contains("session.checkIn", withoutRound + SessionCard.Render(new SessionView(session), Flemish, SessionViewer.Everyone).ToJson().ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("session.pitch.", withRound, StringComparison.Ordinal);
    }

    private static Session Sample(string state) => States.Single(s => s.Name == state).Session;

    private static JsonObject Render(Session session, SessionViewer viewer, Text? text = null) =>
        SessionCard.Render(new SessionView(session), text ?? Flemish, viewer).ToJson();
}
