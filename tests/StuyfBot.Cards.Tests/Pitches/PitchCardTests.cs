using System.Text.Json.Nodes;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Pitches;

/// <summary>The pitch card in the 1:1 chat and the answer card in the group.</summary>
public sealed class PitchCardTests
{
    private static readonly Text Flemish = Text.For("nl-BE");

    [Fact]
    public void A_new_pitch_card_asks_the_four_questions_who_may_see_it_or_enkel_luisteren()
    {
        var card = Pitch(PlannedStage, Carla, editing: false);

        var inputs = CardJson.Elements(card, "Input.Text");
        Assert.Equal(
            [SessionVerbs.PitchAliveInput, SessionVerbs.PitchSeekInput, SessionVerbs.PitchStepInput, SessionVerbs.PitchCuriousInput],
            inputs.Select(i => i["id"]!.GetValue<string>()));
        Assert.Equal(["Wat leeft er?", "Wat zoek je?", "Wat is je volgende stap?", "Waar ben je nieuwsgierig naar?"], inputs.Select(i => i["label"]!.GetValue<string>()));
        Assert.All(inputs, i => Assert.Equal(RoundRules.MaxPitchFieldLength, i["maxLength"]!.GetValue<int>()));
        var visibility = Assert.Single(CardJson.Elements(card, "Input.ChoiceSet"));
        Assert.Equal(["group", "facilitators", "anonymous", "listenOnly"], visibility["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("group", visibility["value"]!.GetValue<string>());
        var send = Assert.Single(CardJson.Buttons(card));
        Assert.Equal((SessionVerbs.SubmitPitch, "auto"), (send.Verb, card["actions"]![0]!["associatedInputs"]!.GetValue<string>()));
        Assert.Equal(("s1", "19:chat"), (send.Data[SessionVerbs.SessionIdKey], send.Data[SessionVerbs.ConversationKey]));
    }

    [Fact]
    public void Every_choice_on_the_pitch_card_is_accepted_before_the_session()
    {
        var card = Pitch(PlannedStage, Carla, editing: false);

        foreach (var button in CardJson.Buttons(card))
        {
            Assert.All(CardRules.Filled(button), data => Assert.True(CardRules.Accepts(PlannedStage.View, button.Verb, data, Carla, Now), string.Join(",", data)));
        }
    }

    [Fact]
    public void A_saved_pitch_shows_what_was_sent_and_offers_to_change_or_withdraw_it()
    {
        var saved = Pitch(PlannedStage, Bart, editing: false);
        var editing = Pitch(PlannedStage, Bart, editing: true);

        Assert.Contains(Flemish["PitchCardSaved"], CardJson.AllText(saved), StringComparison.Ordinal);
        Assert.Contains("Een werkplaats", CardJson.AllText(saved), StringComparison.Ordinal);
        Assert.Equal([SessionVerbs.ShowPitchForm, SessionVerbs.WithdrawPitch], CardJson.Verbs(saved));
        Assert.All(CardJson.Buttons(saved), b => Assert.Equal("19:chat", b.Data[SessionVerbs.ConversationKey]));
        Assert.Equal("Een werkplaats", CardJson.Elements(editing, "Input.Text")[1]["value"]!.GetValue<string>());
        Assert.Equal([SessionVerbs.SubmitPitch, SessionVerbs.WithdrawPitch], CardJson.Verbs(editing));
        Assert.Contains("Bewaar de wijzigingen", CardJson.AllText(editing), StringComparison.Ordinal);
        Assert.Equal("anonymous", CardJson.Elements(Pitch(PlannedStage, Gust, editing: true), "Input.ChoiceSet")[0]["value"]!.GetValue<string>());
    }

    [Fact]
    public void Enkel_luisteren_and_a_withdrawn_pitch_have_their_own_words()
    {
        var listening = Pitch(PlannedStage, Dirk, editing: false);
        var withdrawn = PlannedStage.Do(new WithdrawPitch(), Bart);

        Assert.Contains(Flemish["PitchCardListenOnly"], CardJson.AllText(listening), StringComparison.Ordinal);
        Assert.Contains("Ik kom toch niet", CardJson.AllText(listening), StringComparison.Ordinal);
        Assert.Equal("listenOnly", CardJson.Elements(Pitch(PlannedStage, Dirk, editing: true), "Input.ChoiceSet")[0]["value"]!.GetValue<string>());
        Assert.Contains(Flemish["PitchCardWithdrawn"], CardJson.AllText(Pitch(withdrawn, Bart, editing: false)), StringComparison.Ordinal);
        Assert.Equal([SessionVerbs.ShowPitchForm], CardJson.Verbs(Pitch(withdrawn, Bart, editing: false)));
    }

    [Fact]
    public void Once_the_session_runs_the_card_shows_the_pitch_without_a_form_and_after_it_closes_says_thanks()
    {
        var open = StageNamed("open-queue");

        var started = Pitch(open, Bart, editing: true);
        var noPitch = Pitch(open, Carla, editing: true);

        Assert.Empty(CardJson.Elements(started, "Input.Text"));
        Assert.Contains(Flemish["PitchCardStarted"], CardJson.AllText(started), StringComparison.Ordinal);
        Assert.Equal([SessionVerbs.WithdrawPitch], CardJson.Verbs(started));
        Assert.Contains(Flemish["PitchCardStartedNoPitch"], CardJson.AllText(noPitch), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(Pitch(StageNamed("group-pitch-up"), Bart, editing: false)));
        Assert.Contains(Flemish["PitchCardClosed"], CardJson.AllText(Pitch(ClosedStage, Bart, editing: true)), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(Pitch(ClosedStage, Bart, editing: true)));
    }

    [Fact]
    public void With_several_sessions_planned_the_person_chooses_which_one_the_question_is_for()
    {
        var other = PlannedStage.Session with { Id = "s2", Kind = SessionKind.OpenHuys, Title = null };

        var card = PitchCard.Choose([PlannedStage.Session, other], Flemish).ToJson();

        Assert.Equal([new ShowPitchForm("s1") { ConversationId = "19:chat" }, new ShowPitchForm("s2") { ConversationId = "19:chat" }], CardJson.Buttons(card).Select(b => SessionVerbs.Read(b.Verb, b.Data.ToDictionary(p => p.Key, p => (string?)p.Value))));
        Assert.Contains("Connectortafel: Dinsdag, zaterdag 28 november 2026 om 19:30", CardJson.AllText(card), StringComparison.Ordinal);
        Assert.Contains(Flemish["PitchChooseNone"], CardJson.AllText(PitchCard.Choose([], Flemish).ToJson()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_card_shows_the_pitch_as_the_group_may_see_it_and_one_form_to_answer()
    {
        var stage = StageNamed("facilitators-pitch-up");

        var group = AnswerCard.Render(stage.View, stage.PitchOf(Bart).Id, Flemish).ToJson();
        var fenna = AnswerCard.Render(stage.View, stage.PitchOf(Fenna).Id, Flemish).ToJson();
        var thanks = AnswerCard.Render(stage.View, stage.PitchOf(Bart).Id, Flemish, thanks: true).ToJson();

        Assert.Contains("Nu aan de beurt: Bart", CardJson.AllText(group), StringComparison.Ordinal);
        Assert.Equal(["tip", "contact", "offer", "question"], CardJson.Elements(group, "Input.ChoiceSet")[0]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        var send = Assert.Single(CardJson.Buttons(group));
        Assert.Equal((SessionVerbs.Answer, stage.PitchOf(Bart).Id), (send.Verb, send.Data[SessionVerbs.PitchIdKey]));
        Assert.Contains(Flemish["PitchForFacilitators"], CardJson.AllText(fenna), StringComparison.Ordinal);
        Assert.Contains(Flemish["AnswerThanks"], CardJson.AllText(thanks), StringComparison.Ordinal);
        Assert.Empty(CardJson.Buttons(AnswerCard.Render(ClosedStage.View, ClosedStage.PitchOf(Bart).Id, Flemish).ToJson()));
        Assert.Throws<ArgumentException>(() => AnswerCard.Render(stage.View, "nope", Flemish));
    }

    [Fact]
    public void Every_answer_kind_on_the_answer_card_is_accepted_for_someone_here()
    {
        var stage = StageNamed("group-pitch-up");
        var card = AnswerCard.Render(stage.View, stage.PitchOf(Bart).Id, Flemish).ToJson();

        var button = Assert.Single(CardJson.Buttons(card));
        Assert.All(CardRules.Filled(button), data => Assert.True(CardRules.Accepts(stage.View, button.Verb, data, Dirk, stage.Clock)));
        Assert.Equal(4, CardRules.Filled(button).Count());
    }

    private static JsonObject Pitch(Stage stage, Actor person, bool editing) =>
        PitchCard.Render(stage.Session, stage.Records, person.Key, Flemish, editing).ToJson();
}
