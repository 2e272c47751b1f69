using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Pitches;

/// <summary>The round's messages: refusals, announcements, timer alerts, plan problems, help.</summary>
public sealed class RoundMessagesTests
{
    private static readonly Text Flemish = Text.For("nl-BE");
    private static readonly Text English = Text.For("en-US");

    [Fact]
    public void Every_refusal_and_plan_problem_has_a_kind_text_in_both_languages()
    {
        foreach (var text in new[] { Flemish, English })
        {
            Assert.All(Enum.GetValues<RefusalReason>(), r => Assert.False(string.IsNullOrWhiteSpace(SessionMessages.Refusal(text, new Refused(r)))));
            Assert.All(Enum.GetValues<PlanProblem>(), p => Assert.False(string.IsNullOrWhiteSpace(RoundMessages.PlanProblem(text, p))));
        }

        Assert.Equal(
            "Dat is wat lang. Hou het bij 1000 tekens, alsjeblieft.",
            SessionMessages.Refusal(Flemish, new Refused(RefusalReason.TextTooLong) { Limit = RoundRules.MaxAnswerLength }));
        Assert.NotEqual(SessionMessages.Refusal(Flemish, new Refused(RefusalReason.OwnPitch)), SessionMessages.Refusal(English, new Refused(RefusalReason.OwnPitch)));
    }

    [Fact]
    public void Volgende_pitch_mentions_a_group_pitcher_and_names_no_one_else()
    {
        var view = StageNamed("open-queue").View;

        var bart = RoundMessages.For(Flemish, new PitchUp(view.Records.PitchOf(Bart.Key)!), view)!;
        var gust = RoundMessages.For(Flemish, new PitchUp(view.Records.PitchOf(Gust.Key)!), view)!;
        var fenna = RoundMessages.For(English, new PitchUp(view.Records.PitchOf(Fenna.Key)!), view)!;

        Assert.Equal("Volgende pitch: <at>Bart</at>. Reageer met een tip, een contact, een aanbod of een vraag.", bart.Text);
        Assert.Equal([new Mention(Bart.Key, "Bart")], bart.Mentions);
        Assert.StartsWith("Volgende pitch: Een anonieme pitch.", gust.Text, StringComparison.Ordinal);
        Assert.Empty(gust.Mentions);
        Assert.StartsWith("Next pitch: A pitch for the facilitators.", fenna.Text, StringComparison.Ordinal);
        Assert.Empty(fenna.Mentions);
    }

    [Fact]
    public void The_end_of_the_round_and_a_note_are_acknowledged_and_the_rest_is_left_to_the_card()
    {
        var view = StageNamed("group-pitch-up").View;
        var note = view.Records.Notes[0];

        Assert.Equal(Flemish["RoundFinishedNotice"], RoundMessages.For(Flemish, new RoundFinished(), view)!.Text);
        Assert.Equal("Genoteerd (tip, link), dank je!", RoundMessages.For(Flemish, new NoteTaken(note), view)!.Text);
        Assert.Equal("Noted, thank you!", RoundMessages.For(English, new NoteTaken(note with { Record = note.Record with { Tags = [] } }), view)!.Text);
        Assert.Null(RoundMessages.For(Flemish, new CardChanged(), view));
        Assert.Null(RoundMessages.For(Flemish, new TimerChanged(view.Session.Round.Timer!), view));
        Assert.Null(RoundMessages.For(Flemish, new AnswerGiven(view.Records.AnswersTo(view.Session.Round.Current!)[0]), view));
    }

    [Fact]
    public void Timer_alerts_warn_say_tijd_and_own_up_when_late()
    {
        var timer = PitchTimer.Start("p1", 1, TimerSettings.Default.Connectortafel, TimeSpan.FromMinutes(1), Now);
        var alerts = TimerAlerts.Upcoming("s1", timer);

        Assert.Equal(
            [
                "⏳ Nog 1 min. voor de pitch.",
                "⏰ Tijd! De pitch is om. Nu is het aan jullie: 10 minuten voor tips, contacten, aanbiedingen en vragen.",
                "⏳ Nog 1 min. voor de antwoorden.",
                "⏰ Tijd! De antwoordronde is om. Pitcher, noteer gerust je volgende stap.",
            ],
            alerts.Select(a => RoundMessages.Alert(Flemish, a, late: false, timer)));
        Assert.Equal("⏳ 1 min. left for the pitch. (late: the bot was away for a moment)", RoundMessages.Alert(English, alerts[0], late: true, timer));
        Assert.EndsWith("(te laat, de bot was even weg)", RoundMessages.Alert(Flemish, alerts[3], late: true, timer), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_announcement_says_when_and_the_form_message_points_to_the_1_1_chat()
    {
        Assert.Equal(
            "Connectortafel gepland op zaterdag 28 november 2026 om 19:30. Stel je vraag gerust vooraf met de knop op de kaart, of laat weten dat je enkel komt luisteren.",
            RoundMessages.Planned(Flemish, PlannedStage.Session));
        Assert.StartsWith("Open huys planned.", RoundMessages.Planned(English, PlannedStage.Session with { Kind = SessionKind.OpenHuys, PlannedFor = null }), StringComparison.Ordinal);
        Assert.Contains("1:1", RoundMessages.PitchFormSent(English), StringComparison.Ordinal);
    }

    [Fact]
    public void The_help_entries_are_understood_by_the_parsers_they_describe()
    {
        var words = RoundHelp.HelpCommands.Select(c => c.Words).ToList();

        Assert.NotNull(PlanRequest.Parse(words[0].Replace(" [titel]", "", StringComparison.Ordinal), Now)!.Request);
        Assert.True(CloseRequest.Matches(words[1]));
        Assert.Equal(NoteSource.Forwarded, ChatNote.Parse(words[2].Replace("...", "iets", StringComparison.Ordinal))!.Source);
        Assert.Equal(Enum.GetValues<NoteTag>(), ChatNote.Parse(words[3] + " iets")!.Tags);
        Assert.NotNull(SummariesRequest.Parse(words[4]));
        Assert.All(RoundHelp.HelpCommands, c => Assert.False(string.IsNullOrWhiteSpace(English[c.TextKey])));
    }

    [Fact]
    public void The_help_cards_plan_form_plans_in_groups_only()
    {
        Assert.Empty(RoundHelp.HelpActions(Flemish, personal: true));
        var card = HelpCard.Render(Flemish, personal: false, RoundHelp.HelpCommands, RoundHelp.HelpActions(Flemish, personal: false)).ToJson();

        var button = Assert.Single(CardJson.Buttons(card));
        var plans = CardRules.Filled(button).Select(data => SessionVerbs.Read(button.Verb, data)).ToList();
        Assert.Equal(
            [new PlanSession(SessionKind.OpenHuys, "2026-11-28", "19:30", CardRules.TypedText), new PlanSession(SessionKind.Connectortafel, "2026-11-28", "19:30", CardRules.TypedText)],
            plans);
        Assert.All(plans.Cast<PlanSession>(), p => Assert.NotNull(PlanRequest.FromInputs(p.Kind, p.Date, p.Time, p.Title, Now).Request));
    }
}
