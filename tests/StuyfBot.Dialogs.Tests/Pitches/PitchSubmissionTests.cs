using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>Sending, editing and withdrawing a pitch before the session, and adding one during it.</summary>
public sealed class PitchSubmissionTests
{
    [Fact]
    public void Before_the_session_a_pitch_is_a_record_and_the_head_stays_as_it_was()
    {
        var table = PlannedTable();

        var accepted = table.Accepted(new SubmitPitch(new PitchContent(" Ik wil een repair café starten ", "Een ruimte", null, "  "), PitchVisibility.Group), Bart);

        Assert.Same(table.State, accepted.State);
        var record = Assert.IsType<PitchRecord>(accepted.Item);
        Assert.Equal(new PitchContent("Ik wil een repair café starten", "Een ruimte", null, null), record.Content);
        Assert.Equal(PitchSource.PreSubmitted, record.Source);
        Assert.Equal((Bart.Key, "Bart"), (record.AuthorKey, record.AuthorName));
        var saved = Assert.IsType<PitchSaved>(accepted.Events[0]);
        Assert.False(saved.Edited);
        Assert.Equal(record.Id, saved.Pitch.Id);
        Assert.IsType<CardChanged>(accepted.Events[^1]);
    }

    [Fact]
    public void A_second_submission_before_the_session_replaces_the_first_and_keeps_its_place()
    {
        var table = PlannedTable().Pitch(Bart, "eerste versie").Pitch(Carla, "Carla's vraag");
        var first = table.PitchOf(Bart);

        var accepted = table.Accepted(new SubmitPitch(Content("tweede versie"), PitchVisibility.Anonymous), Bart);
        var edited = table.Apply(accepted);

        Assert.True(Assert.IsType<PitchSaved>(accepted.Events[0]).Edited);
        var pitch = edited.PitchOf(Bart);
        Assert.Equal(first.Id, pitch.Id);
        Assert.Equal("tweede versie", pitch.Content.WhatYouSeek);
        Assert.Equal(PitchVisibility.Anonymous, pitch.Visibility);
        Assert.Equal(first.SubmittedAt, pitch.SubmittedAt);
        Assert.Equal(2, edited.Records.Pitches.Count);
        Assert.Equal([Bart.Key, Carla.Key], edited.Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An).Queue());
    }

    [Fact]
    public void Ik_kom_enkel_luisteren_is_a_choice_of_its_own_with_no_content_and_no_place_in_the_queue()
    {
        var table = PlannedTable().Do(new SubmitPitch(Content("wordt genegeerd"), PitchVisibility.Group, ListenOnly: true), Dirk);

        var pitch = table.PitchOf(Dirk);
        Assert.True(pitch.ListenOnly);
        Assert.False(pitch.IsActive());
        Assert.Equal(PitchContent.Empty, pitch.Content);
        Assert.Empty(table.Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An).Queue());
    }

    [Fact]
    public void Listening_and_pitching_replace_each_other_before_the_session()
    {
        var table = PlannedTable()
            .Pitch(Dirk, "toch een vraag")
            .Do(new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk);

        Assert.True(table.PitchOf(Dirk).ListenOnly);
        Assert.False(table.Pitch(Dirk, "nu wel").PitchOf(Dirk).ListenOnly);
    }

    [Fact]
    public void Withdrawing_keeps_no_content_and_a_new_submission_enters_the_queue_anew()
    {
        var table = PlannedTable().Pitch(Bart, "vraag").Pitch(Carla, "andere vraag");

        var accepted = table.Accepted(new WithdrawPitch(), Bart);
        var withdrawn = table.Apply(accepted);

        var record = Assert.IsType<PitchRecord>(accepted.Item);
        Assert.True(record.Withdrawn);
        Assert.Equal(PitchContent.Empty, record.Content);
        Assert.True(Assert.IsType<PitchWithdrawn>(accepted.Events[0]).Pitch.Withdrawn);
        Assert.Equal(RefusalReason.NoPitchToWithdraw, withdrawn.Refused(new WithdrawPitch(), Bart).Reason);
        var back = withdrawn.Pitch(Bart, "toch weer");
        Assert.Equal(table.PitchOf(Bart).Id, back.PitchOf(Bart).Id);
        Assert.True(back.PitchOf(Bart).SubmittedAt > back.PitchOf(Carla).SubmittedAt);
        Assert.Equal([Carla.Key, Bart.Key], back.Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An).Queue());
    }

    [Fact]
    public void Once_the_session_opened_a_pre_submitted_pitch_can_no_longer_be_edited_but_can_be_withdrawn_while_it_waits()
    {
        var open = PlannedTable().Pitch(Bart, "vraag").Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An)
            .Do(new CheckIn(CheckInMode.Present), Bart);

        Assert.Equal(RefusalReason.AlreadyPitched, open.Refused(new SubmitPitch(Content("anders"), PitchVisibility.Group), Bart).Reason);
        Assert.Empty(open.Do(new WithdrawPitch(), Bart).Queue());
    }

    [Fact]
    public void Enkel_luisteren_during_the_session_is_checking_in_as_a_listener_instead()
    {
        var open = OpenTable();

        Assert.Equal(RefusalReason.AlreadyStarted, open.Refused(new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk).Reason);
    }

    [Fact]
    public void During_the_session_anyone_present_adds_a_live_pitch_once()
    {
        var open = OpenTable();

        var added = open.Pitch(Bart, "live vraag").Pitch(Dirk, "luisteraar mag ook");

        Assert.Equal(PitchSource.Live, added.PitchOf(Bart).Source);
        Assert.Equal([Bart.Key, Dirk.Key], added.Queue());
        Assert.Equal(RefusalReason.AlreadyPitched, added.Refused(new SubmitPitch(Content("nog een"), PitchVisibility.Group), Bart).Reason);
        Assert.Equal(RefusalReason.NotPresent, open.Refused(new SubmitPitch(Content("x"), PitchVisibility.Group), Eva).Reason);
    }

    [Fact]
    public void Someone_who_said_enkel_luisteren_beforehand_may_still_pitch_live()
    {
        var open = PlannedTable()
            .Do(new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk)
            .Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An)
            .Do(new CheckIn(CheckInMode.Listening), Dirk);

        var pitched = open.Pitch(Dirk, "het kriebelt toch");

        Assert.True(pitched.PitchOf(Dirk).IsActive());
        Assert.Equal(PitchSource.Live, pitched.PitchOf(Dirk).Source);
        Assert.Equal([Dirk.Key], pitched.Queue());
    }

    [Fact]
    public void Pre_submitted_pitches_go_before_live_ones_each_in_the_order_they_came()
    {
        var open = PlannedTable().Pitch(Carla, "c").Pitch(Bart, "b")
            .Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An)
            .Do(new CheckIn(CheckInMode.Present), Dirk)
            .Do(new CheckIn(CheckInMode.Present), Eva)
            .Pitch(Eva, "e").Pitch(Dirk, "d");

        Assert.Equal([Carla.Key, Bart.Key, Eva.Key, Dirk.Key], open.Queue());
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("", " ", "\n", "\t")]
    public void A_pitch_needs_at_least_one_answer(string? alive, string? seek, string? step, string? curious)
    {
        var refused = PlannedTable().Refused(new SubmitPitch(new PitchContent(alive, seek, step, curious), PitchVisibility.Group), Bart);

        Assert.Equal(RefusalReason.EmptyPitch, refused.Reason);
    }

    [Fact]
    public void Each_answer_may_hold_up_to_the_limit_after_trimming()
    {
        var atLimit = new string('x', RoundRules.MaxPitchFieldLength);

        var refused = PlannedTable().Refused(new SubmitPitch(new PitchContent(null, null, atLimit + "y", null), PitchVisibility.Group), Bart);

        Assert.Equal(new Refused(RefusalReason.TextTooLong) { Limit = RoundRules.MaxPitchFieldLength }, refused);
        Assert.Equal(atLimit, PlannedTable().Do(new SubmitPitch(new PitchContent("  " + atLimit + "  ", null, null, null), PitchVisibility.Group), Bart)
            .PitchOf(Bart).Content.WhatIsAlive);
    }

    [Fact]
    public void Nothing_can_be_sent_to_a_closed_or_missing_session()
    {
        var closed = OpenTable().Do(new RequestClose(), An).Do(new ConfirmClose(), An);
        var none = new Table(null!, SessionRecords.Empty, Now, 0);

        Assert.Equal(RefusalReason.SessionClosed, closed.Refused(new SubmitPitch(Content("x"), PitchVisibility.Group), Bart).Reason);
        Assert.Equal(RefusalReason.SessionClosed, closed.Refused(new WithdrawPitch(), Bart).Reason);
        Assert.Equal(RefusalReason.NoSession, none.Refused(new SubmitPitch(Content("x"), PitchVisibility.Group), Bart).Reason);
    }

    [Fact]
    public void Two_quick_submissions_of_one_person_are_one_pitch_whatever_the_race()
    {
        var planned = PlannedTable();
        var first = planned.Accepted(new SubmitPitch(Content("eerste"), PitchVisibility.Group), Bart).Item!;
        var second = planned.Accepted(new SubmitPitch(Content("tweede"), PitchVisibility.Group), Bart).Item! with { Id = "item-other", At = first.At.AddMilliseconds(5) };

        var records = SessionRecords.From([second, first]);

        var pitch = Assert.Single(records.Pitches);
        Assert.Equal(first.Id, pitch.Id);
        Assert.Equal("tweede", pitch.Content.WhatYouSeek);
    }

    [Fact]
    public void A_redelivered_record_counts_once()
    {
        var table = PlannedTable().Pitch(Bart, "vraag");
        var item = table.Records.Items.Single();

        Assert.Single(SessionRecords.From([item, item]).Items);
    }
}
