using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>Answers to the pitch that is up, and the pitcher's next step.</summary>
public sealed class AnswerTests
{
    /// <summary>Bart's pitch is up; Carla's waits.</summary>
    private static Table BartUp() => OpenTable().Pitch(Bart, "een werkplek").Pitch(Carla, "c").Do(new NextPitch(), An);

    [Fact]
    public void An_answer_is_a_record_attached_to_the_pitch_and_the_head_is_not_touched()
    {
        var table = BartUp();
        var bart = table.PitchOf(Bart).Id;

        var accepted = table.Accepted(new AnswerPitch(bart, AnswerKind.Contact, "  Ik ken iemand bij Unizo  "), Carla);

        Assert.Same(table.State, accepted.State);
        var answer = Assert.IsType<AnswerRecord>(accepted.Item);
        Assert.Equal((bart, AnswerKind.Contact, "Ik ken iemand bij Unizo", Carla.Key), (answer.PitchId, answer.Kind, answer.Text, answer.AuthorKey));
        Assert.Equal([new AnswerGiven(answer), new CardChanged()], accepted.Events);
        Assert.Equal([answer], table.Apply(accepted).Records.AnswersTo(bart));
    }

    [Fact]
    public void Answers_of_every_kind_count_per_pitch_in_the_order_given()
    {
        var table = BartUp();
        var bart = table.PitchOf(Bart).Id;

        var answered = table
            .Do(new AnswerPitch(bart, AnswerKind.Tip, "tip"), Carla)
            .Do(new AnswerPitch(bart, AnswerKind.Offer, "ik help"), Dirk)
            .Do(new AnswerPitch(bart, AnswerKind.Question, "waar?"), An)
            .Do(new AnswerPitch(bart, AnswerKind.Tip, "nog een tip"), Carla);

        Assert.Equal(["tip", "ik help", "waar?", "nog een tip"], answered.Records.AnswersTo(bart).Select(a => a.Text));
        Assert.Empty(answered.Records.AnswersTo(table.PitchOf(Carla).Id));
    }

    [Fact]
    public void A_pitch_that_came_up_earlier_still_takes_answers_one_still_waiting_does_not()
    {
        var table = BartUp().Do(new NextPitch(), An);

        Assert.IsType<Accepted>(table.Decide(new AnswerPitch(table.PitchOf(Bart).Id, AnswerKind.Tip, "laat maar goed"), Dirk));
        var waiting = OpenTable().Pitch(Bart, "b");

        Assert.Equal(RefusalReason.PitchNotUp, waiting.Refused(new AnswerPitch(waiting.PitchOf(Bart).Id, AnswerKind.Tip, "te vroeg"), Carla).Reason);
    }

    [Fact]
    public void Answering_needs_a_check_in_a_known_pitch_someone_elses_pitch_and_some_text()
    {
        var table = BartUp();
        var bart = table.PitchOf(Bart).Id;

        Assert.Equal(RefusalReason.NotPresent, table.Refused(new AnswerPitch(bart, AnswerKind.Tip, "x"), Eva).Reason);
        Assert.Equal(RefusalReason.UnknownPitch, table.Refused(new AnswerPitch("nope", AnswerKind.Tip, "x"), Carla).Reason);
        Assert.Equal(RefusalReason.OwnPitch, table.Refused(new AnswerPitch(bart, AnswerKind.Tip, "x"), Bart).Reason);
        Assert.Equal(RefusalReason.EmptyText, table.Refused(new AnswerPitch(bart, AnswerKind.Tip, "   "), Carla).Reason);
        Assert.Equal(
            new Refused(RefusalReason.TextTooLong) { Limit = RoundRules.MaxAnswerLength },
            table.Refused(new AnswerPitch(bart, AnswerKind.Tip, new string('x', RoundRules.MaxAnswerLength + 1)), Carla));
        Assert.IsType<Accepted>(table.Decide(new AnswerPitch(bart, AnswerKind.Tip, new string('x', RoundRules.MaxAnswerLength)), Carla));
    }

    [Fact]
    public void Only_the_pitcher_notes_the_next_step_and_the_latest_counts()
    {
        var table = BartUp();
        var bart = table.PitchOf(Bart).Id;

        var accepted = table.Accepted(new NoteNextStep(bart, "Ik bel maandag naar Unizo"), Bart);
        var noted = table.Apply(accepted).Do(new NoteNextStep(bart, "Ik bel dinsdag"), Bart);

        Assert.Same(table.State, accepted.State);
        Assert.IsType<NextStepNoted>(accepted.Events[0]);
        Assert.Equal("Ik bel dinsdag", noted.Records.NextStepOf(bart)!.Text);
        Assert.Equal(RefusalReason.OnlyPitcher, table.Refused(new NoteNextStep(bart, "x"), An).Reason);
        Assert.Equal(RefusalReason.EmptyText, table.Refused(new NoteNextStep(bart, ""), Bart).Reason);
        Assert.Equal(
            new Refused(RefusalReason.TextTooLong) { Limit = RoundRules.MaxNextStepLength },
            table.Refused(new NoteNextStep(bart, new string('x', RoundRules.MaxNextStepLength + 1)), Bart));
    }

    [Fact]
    public void A_next_step_waits_until_the_pitch_came_up()
    {
        var table = BartUp();

        Assert.Equal(RefusalReason.PitchNotUp, table.Refused(new NoteNextStep(table.PitchOf(Carla).Id, "x"), Carla).Reason);
        Assert.Equal(RefusalReason.UnknownPitch, table.Refused(new NoteNextStep("nope", "x"), Carla).Reason);
    }

    [Fact]
    public void A_next_step_record_of_someone_else_is_ignored_by_the_fold()
    {
        var table = BartUp();
        var bart = table.PitchOf(Bart).Id;
        var forged = new NextStepRecord { Id = "forged", At = table.Clock, AuthorKey = Carla.Key, AuthorName = "Carla", PitchId = bart, Text = "niet van Bart" };

        Assert.Null(table.Records.With(forged).NextStepOf(bart));
    }

    [Fact]
    public void Answers_and_next_steps_wait_for_the_session()
    {
        var planned = PlannedTable().Pitch(Bart, "b");
        var id = planned.PitchOf(Bart).Id;

        Assert.Equal(RefusalReason.NotOpenYet, planned.Refused(new AnswerPitch(id, AnswerKind.Tip, "x"), Carla).Reason);
        Assert.Equal(RefusalReason.NotOpenYet, planned.Refused(new NoteNextStep(id, "x"), Bart).Reason);
    }
}
