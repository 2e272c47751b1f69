using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Cards.Tests.Pitches;

/// <summary>The round's verbs and their data read back to what was asked.</summary>
public sealed class RoundVerbsTests
{
    private static Dictionary<string, string?> Data(params (string Key, string? Value)[] more) =>
        new[] { (SessionVerbs.SessionIdKey, (string?)"s1") }.Concat(more).ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public void Each_round_verb_reads_back_to_its_command()
    {
        var expected = new Dictionary<string, RoundCommand>
        {
            [SessionVerbs.ListenOnly] = new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true),
            [SessionVerbs.WithdrawPitch] = new WithdrawPitch(),
            [SessionVerbs.NextPitch] = new NextPitch(),
            [SessionVerbs.TimerStart] = new ControlTimer(TimerControl.Start),
            [SessionVerbs.TimerPause] = new ControlTimer(TimerControl.Pause),
            [SessionVerbs.TimerResume] = new ControlTimer(TimerControl.Resume),
            [SessionVerbs.TimerExtend] = new ControlTimer(TimerControl.Extend),
            [SessionVerbs.TimerStop] = new ControlTimer(TimerControl.Stop),
        };
        foreach (var (verb, command) in expected)
        {
            Assert.Equal(new RunRoundCommand("s1", command), SessionVerbs.Read(verb, Data()));
        }

        var pitch = (SessionVerbs.PitchIdKey, (string?)"p7");
        Assert.Equal(new RunRoundCommand("s1", new MovePitch("p7", MoveDirection.Up)), SessionVerbs.Read(SessionVerbs.MovePitchUp, Data(pitch)));
        Assert.Equal(new RunRoundCommand("s1", new MovePitch("p7", MoveDirection.Down)), SessionVerbs.Read(SessionVerbs.MovePitchDown, Data(pitch)));
        Assert.Equal(new RunRoundCommand("s1", new SkipPitch("p7")), SessionVerbs.Read(SessionVerbs.SkipPitch, Data(pitch)));
        Assert.Equal(new RunRoundCommand("s1", new PickPitch("p7")), SessionVerbs.Read(SessionVerbs.PickPitch, Data(pitch)));
        Assert.Equal(
            new RunRoundCommand("s1", new AnswerPitch("p7", AnswerKind.Offer, " ik help ")),
            SessionVerbs.Read(SessionVerbs.Answer, Data(pitch, (SessionVerbs.AnswerKindInput, "offer"), (SessionVerbs.AnswerTextInput, " ik help "))));
        Assert.Equal(new RunRoundCommand("s1", new NoteNextStep("p7", "bellen")), SessionVerbs.Read(SessionVerbs.NextStep, Data(pitch, (SessionVerbs.NextStepInput, "bellen"))));
        Assert.Equal(new RunRoundCommand("s1", new StrikeNote("n1")), SessionVerbs.Read(SessionVerbs.StrikeNote, Data((SessionVerbs.StrikeNoteInput, "n1"))));
        Assert.Equal(new ShowPitchForm("s1"), SessionVerbs.Read(SessionVerbs.ShowPitchForm, Data()));
        Assert.Equal(new OpenSummary("s1", "2026-11"), SessionVerbs.Read(SessionVerbs.OpenSummary, Data((SessionVerbs.MonthKey, "2026-11"))));
    }

    [Fact]
    public void The_pitch_form_reads_back_with_its_four_answers_and_visibility_or_as_enkel_luisteren()
    {
        var form = Data(
            (SessionVerbs.PitchAliveInput, "leeft"),
            (SessionVerbs.PitchSeekInput, "zoekt"),
            (SessionVerbs.PitchStepInput, null),
            (SessionVerbs.PitchCuriousInput, " "),
            (SessionVerbs.PitchVisibilityInput, "anonymous"));

        Assert.Equal(
            new RunRoundCommand("s1", new SubmitPitch(new PitchContent("leeft", "zoekt", null, null), PitchVisibility.Anonymous)),
            SessionVerbs.Read(SessionVerbs.SubmitPitch, form));
        form[SessionVerbs.PitchVisibilityInput] = SessionVerbs.ListenOnlyValue;
        Assert.Equal(
            new RunRoundCommand("s1", new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true)),
            SessionVerbs.Read(SessionVerbs.SubmitPitch, form));
    }

    [Fact]
    public void Buttons_pressed_in_a_1_1_chat_name_the_group_conversation()
    {
        var conversation = (SessionVerbs.ConversationKey, (string?)"19:group");

        Assert.Equal("19:group", Assert.IsType<RunRoundCommand>(SessionVerbs.Read(SessionVerbs.WithdrawPitch, Data(conversation))).ConversationId);
        Assert.Equal("19:group", Assert.IsType<ShowPitchForm>(SessionVerbs.Read(SessionVerbs.ShowPitchForm, Data(conversation))).ConversationId);
        Assert.Null(Assert.IsType<RunRoundCommand>(SessionVerbs.Read(SessionVerbs.WithdrawPitch, Data())).ConversationId);
    }

    [Fact]
    public void An_empty_answer_still_reads_back_so_the_rules_can_say_what_is_missing()
    {
        Assert.Equal(
            new RunRoundCommand("s1", new AnswerPitch("p7", AnswerKind.Tip, string.Empty)),
            SessionVerbs.Read(SessionVerbs.Answer, Data((SessionVerbs.PitchIdKey, "p7"), (SessionVerbs.AnswerKindInput, "tip"))));
    }

    [Fact]
    public void The_plan_form_reads_back_without_a_session()
    {
        var plan = SessionVerbs.Read(SessionVerbs.Plan, new Dictionary<string, string?>
        {
            [SessionVerbs.PlanKindInput] = "connectortafel",
            [SessionVerbs.PlanDateInput] = "2026-11-28",
            [SessionVerbs.PlanTimeInput] = "19:30",
        });

        Assert.Equal(new PlanSession(SessionKind.Connectortafel, "2026-11-28", "19:30", null), plan);
    }

    [Theory]
    [InlineData(SessionVerbs.MovePitchUp)]
    [InlineData(SessionVerbs.SkipPitch)]
    [InlineData(SessionVerbs.PickPitch)]
    [InlineData(SessionVerbs.NextStep)]
    [InlineData(SessionVerbs.Answer)]
    [InlineData(SessionVerbs.StrikeNote)]
    [InlineData(SessionVerbs.SubmitPitch)]
    [InlineData(SessionVerbs.OpenSummary)]
    public void Missing_or_wrong_data_reads_as_nothing(string verb)
    {
        Assert.Null(SessionVerbs.Read(verb, Data((SessionVerbs.AnswerKindInput, "compliment"), (SessionVerbs.PitchVisibilityInput, "everyone"), (SessionVerbs.MonthKey, "2026"))));
        Assert.Null(SessionVerbs.Read(SessionVerbs.Plan, new Dictionary<string, string?> { [SessionVerbs.PlanKindInput] = "stuyflab" }));
        Assert.Null(SessionVerbs.Read(SessionVerbs.NextPitch, new Dictionary<string, string?>()));
    }

    [Fact]
    public void Visibilities_and_answer_kinds_have_stable_wire_values()
    {
        Assert.All(Enum.GetValues<PitchVisibility>(), v => Assert.Equal(v, SessionVerbs.ParseVisibility(SessionVerbs.Value(v))));
        Assert.All(Enum.GetValues<AnswerKind>(), k => Assert.Equal(k, SessionVerbs.ParseAnswerKind(SessionVerbs.Value(k))));
        Assert.All(Enum.GetValues<TimerControl>(), c => Assert.True(SessionVerbs.IsSessionVerb(SessionVerbs.Verb(c))));
        Assert.Null(SessionVerbs.ParseVisibility(SessionVerbs.ListenOnlyValue));
    }
}
