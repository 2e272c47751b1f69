using System.Text.Json.Nodes;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Pitches;

/// <summary>The pitch round on the live session card: what each person sees and may press.</summary>
public sealed class RoundCardTests
{
    private static readonly Text Flemish = Text.For("nl-BE");
    private static readonly Text English = Text.For("en-US");

    private static readonly string[] QueueVerbs = [SessionVerbs.NextPitch, SessionVerbs.MovePitchUp, SessionVerbs.MovePitchDown, SessionVerbs.SkipPitch, SessionVerbs.PickPitch];

    private static readonly string[] TimerVerbs = [SessionVerbs.TimerStart, SessionVerbs.TimerPause, SessionVerbs.TimerResume, SessionVerbs.TimerExtend, SessionVerbs.TimerStop];

    public static TheoryData<string> StageNames() => [.. Stages.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(StageNames))]
    public void Every_button_a_person_sees_is_one_the_rules_accept_for_them(string stage)
    {
        var view = StageNamed(stage).View;
        foreach (var (name, key) in PitchViewers.Where(v => v.Key is not null))
        {
            var person = Person(key!);
            foreach (var button in CardJson.Buttons(Render(view, key)))
            {
                foreach (var data in CardRules.Filled(button))
                {
                    Assert.True(CardRules.Accepts(view, button.Verb, data, person, StageNamed(stage).Clock), $"{stage}: {name} sees '{button.Title}' ({button.Verb}) but it is refused");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(StageNames))]
    public void Every_shared_button_is_one_someone_may_use(string stage)
    {
        var view = StageNamed(stage).View;
        var anyone = PitchViewers.Where(v => v.Key is not null).Select(v => Person(v.Key!)).ToList();

        foreach (var button in CardJson.Buttons(Render(view, null)))
        {
            Assert.Contains(anyone, person => CardRules.Filled(button).Any(data => CardRules.Accepts(view, button.Verb, data, person, StageNamed(stage).Clock)));
        }
    }

    [Theory]
    [MemberData(nameof(StageNames))]
    public void Only_the_moderator_runs_the_queue_only_the_timekeeper_and_moderator_the_timer_only_the_scribe_and_moderator_strike(string stage)
    {
        var view = StageNamed(stage).View;
        foreach (var (name, key) in PitchViewers)
        {
            var verbs = CardJson.Verbs(Render(view, key));
            if (key != An.Key)
            {
                Assert.Empty(verbs.Intersect(QueueVerbs));
            }

            if (key != An.Key && key != Eva.Key)
            {
                Assert.Empty(verbs.Intersect(TimerVerbs));
            }

            if (key != An.Key && key != Dirk.Key)
            {
                Assert.DoesNotContain(SessionVerbs.StrikeNote, verbs);
            }
        }
    }

    [Fact]
    public void The_moderator_moves_skips_and_picks_per_pitch_and_brings_up_the_next()
    {
        var view = StageNamed("open-queue").View;

        var buttons = CardJson.Buttons(Render(view, An.Key));

        var first = PitchQueue.Waiting(view.Session.Round, view.Records)[0].Id;
        Assert.Contains(buttons, b => b.Verb == SessionVerbs.NextPitch && b.Title == "Volgende pitch");
        Assert.Contains(buttons, b => b.Verb == SessionVerbs.MovePitchDown && b.Data[SessionVerbs.PitchIdKey] == first);
        Assert.DoesNotContain(buttons, b => b.Verb == SessionVerbs.MovePitchUp && b.Data[SessionVerbs.PitchIdKey] == first);
        Assert.Equal(4, buttons.Count(b => b.Verb == SessionVerbs.PickPitch));
        Assert.Contains(CardJson.Buttons(Render(StageNamed("round-finished").View, An.Key)), b => b.Verb == SessionVerbs.CheckIn || b.Verb == SessionVerbs.Leave);
        Assert.DoesNotContain(SessionVerbs.NextPitch, CardJson.Verbs(Render(StageNamed("round-finished").View, An.Key)));
    }

    [Fact]
    public void The_timekeeper_gets_the_controls_that_fit_the_timer()
    {
        Assert.Equal(
            [SessionVerbs.TimerPause, SessionVerbs.TimerExtend, SessionVerbs.TimerStop],
            CardJson.Verbs(Render(StageNamed("group-pitch-up").View, Eva.Key)).Intersect(TimerVerbs));
        Assert.Equal(
            [SessionVerbs.TimerResume, SessionVerbs.TimerExtend, SessionVerbs.TimerStop],
            CardJson.Verbs(Render(StageNamed("anonymous-pitch-up-paused").View, Eva.Key)).Intersect(TimerVerbs));
        Assert.Equal([SessionVerbs.TimerStart], CardJson.Verbs(Render(StageNamed("timer-stopped").View, Eva.Key)).Intersect(TimerVerbs));
        Assert.Contains("+2 minuten", CardJson.AllText(Render(StageNamed("group-pitch-up").View, Eva.Key)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_shows_the_timer_as_clock_times_a_pause_or_a_stop()
    {
        var running = CardJson.AllText(Render(StageNamed("facilitators-pitch-up").View, null));
        var paused = CardJson.AllText(Render(StageNamed("anonymous-pitch-up-paused").View, null, English));
        var stopped = CardJson.AllText(Render(StageNamed("timer-stopped").View, null));

        Assert.Matches(@"⏱️ Pitch tot \d\d:\d\d, antwoorden tot \d\d:\d\d", running);
        Assert.Matches(@"⏸️ Paused after \d+:\d\d; \d+:\d\d left for the pitch", paused);
        Assert.Contains(Flemish["RoundTimerStopped"], stopped, StringComparison.Ordinal);
    }

    [Fact]
    public void The_planned_card_says_when_and_invites_questions_beforehand_or_just_listening()
    {
        var shared = Render(PlannedStage.View, null);
        var bart = CardJson.AllText(Render(PlannedStage.View, Bart.Key));
        var dirk = CardJson.AllText(Render(PlannedStage.View, Dirk.Key));

        Assert.Contains("zaterdag 28 november 2026 om 19:30", CardJson.AllText(shared), StringComparison.Ordinal);
        Assert.Contains(Flemish.Format("RoundPlannedCounts", 3, 1), CardJson.AllText(shared), StringComparison.Ordinal);
        Assert.Equal([SessionVerbs.Start, SessionVerbs.ShowPitchForm, SessionVerbs.ListenOnly], CardJson.Verbs(shared));
        Assert.Contains("Pas je vraag aan", bart, StringComparison.Ordinal);
        Assert.Contains(Flemish["RoundYouListenOnly"], dirk, StringComparison.Ordinal);
        Assert.Equal([SessionVerbs.Start, SessionVerbs.ShowPitchForm, SessionVerbs.WithdrawPitch], CardJson.Verbs(Render(PlannedStage.View, Dirk.Key)));
        Assert.Contains("Stel je vraag vooraf", dirk, StringComparison.Ordinal);
        Assert.Contains("Ik kom toch niet", dirk, StringComparison.Ordinal);
    }

    [Fact]
    public void Pitches_show_as_the_viewer_may_see_them()
    {
        var view = StageNamed("open-queue").View;

        var shared = CardJson.AllText(Render(view, null));
        var gust = CardJson.AllText(Render(view, Gust.Key));
        var fenna = CardJson.AllText(Render(view, Fenna.Key));
        var carla = CardJson.AllText(Render(view, Carla.Key));

        Assert.Contains("2. Een pitch voor de begeleiders", shared, StringComparison.Ordinal);
        Assert.Contains("3. Een anonieme pitch: Een stageplek", shared, StringComparison.Ordinal);
        Assert.Contains("1. Bart: Een werkplaats", shared, StringComparison.Ordinal);
        Assert.Contains("3. Jouw pitch: Een stageplek", gust, StringComparison.Ordinal);
        Assert.Contains("2. Jouw pitch: FACMARKER zoekt", fenna, StringComparison.Ordinal);
        Assert.Contains("2. Fenna FACNAME (enkel voor de begeleiders): FACMARKER zoekt", carla, StringComparison.Ordinal);
        Assert.Contains("Je pitch staat als nummer 4 in de rij.", CardJson.AllText(Render(view, Eva.Key)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pitch_up_shows_its_answers_counted_its_next_step_and_the_answer_and_next_step_forms()
    {
        var view = StageNamed("group-pitch-up").View;

        var shared = CardJson.AllText(Render(view, null));
        var bart = Render(view, Bart.Key);
        var carla = Render(view, Carla.Key);

        Assert.Contains("Nu aan de beurt: Bart", shared, StringComparison.Ordinal);
        Assert.Contains("tips: 1 · contacten: 1 · aanbiedingen: 1 · vragen: 0", shared, StringComparison.Ordinal);
        Assert.Contains("Ik bel de schrijnwerker", shared, StringComparison.Ordinal);
        Assert.Contains(SessionVerbs.NextStep, CardJson.Verbs(bart));
        Assert.DoesNotContain(SessionVerbs.Answer, CardJson.Verbs(bart));
        Assert.Contains(SessionVerbs.Answer, CardJson.Verbs(carla));
        Assert.DoesNotContain(SessionVerbs.NextStep, CardJson.Verbs(carla));
    }

    [Fact]
    public void Typed_text_cannot_make_links_or_emphasis_on_the_card()
    {
        var text = CardJson.AllText(Render(StageNamed("group-pitch-up").View, Carla.Key));

        Assert.DoesNotContain("[klik](javascript", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**vet**", text, StringComparison.Ordinal);
        Assert.Contains(@"\*\*vet\*\* \[klik\]", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StageNames))]
    public void Every_button_carries_the_session_id_reads_back_and_every_input_has_a_label_and_a_unique_id(string stage)
    {
        var view = StageNamed(stage).View;
        foreach (var (_, key) in PitchViewers)
        {
            var card = Render(view, key);
            foreach (var button in CardJson.Buttons(card))
            {
                Assert.Equal(view.Session.Id, button.Data[SessionVerbs.SessionIdKey]);
                Assert.All(CardRules.Filled(button), data => Assert.NotNull(SessionVerbs.Read(button.Verb, data)));
            }

            var inputs = new[] { "Input.Text", "Input.ChoiceSet" }.SelectMany(t => CardJson.Elements(card, t)).ToList();
            Assert.All(inputs, i => Assert.False(string.IsNullOrEmpty(i["label"]?.GetValue<string>())));
            Assert.Equal(inputs.Count, inputs.Select(i => i["id"]!.GetValue<string>()).Distinct().Count());
        }
    }

    private static Actor Person(string key) =>
        new[] { An, Bart, Carla, Dirk, Eva, Fenna, Gust }.FirstOrDefault(a => a.Key == key) ?? new Actor(key, "Stranger");

    private static JsonObject Render(SessionView view, string? viewer, Text? text = null) =>
        SessionCard.Render(view, text ?? Flemish, viewer is null ? SessionViewer.Everyone : SessionViewer.For(viewer)).ToJson();
}
