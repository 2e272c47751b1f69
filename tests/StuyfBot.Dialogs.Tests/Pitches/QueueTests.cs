using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>The moderator runs the queue: "Volgende pitch", move, skip, pick.</summary>
public sealed class QueueTests
{
    /// <summary>Open, with pitches of Bart, Carla and Dirk waiting in that order.</summary>
    private static Table ThreeWaiting() => OpenTable().Pitch(Bart, "b").Pitch(Carla, "c").Pitch(Dirk, "d");

    [Fact]
    public void Volgende_pitch_brings_the_first_up_and_starts_its_timer_in_the_head_only()
    {
        var table = ThreeWaiting();

        var accepted = table.Accepted(new NextPitch(), An);

        Assert.Null(accepted.Item);
        var round = accepted.State.Round;
        var bart = table.PitchOf(Bart);
        Assert.Equal(bart.Id, round.Current);
        Assert.Equal([bart.Id], round.Presented);
        Assert.Equal(new PitchUp(bart), accepted.Events[0]);
        var timer = Assert.IsType<TimerChanged>(accepted.Events[1]).Timer;
        Assert.Equal(round.Timer, timer);
        Assert.Equal((bart.Id, TimerStatus.Running, table.Clock), (timer.PitchId, timer.Status(), timer.RunningSince!.Value));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)), (timer.PitchDuration, timer.AnswersDuration));
        Assert.IsType<CardChanged>(accepted.Events[^1]);
        Assert.Equal([Carla.Key, Dirk.Key], table.Apply(accepted).Queue());
    }

    [Fact]
    public void The_next_pitch_follows_the_previous_and_after_the_last_the_round_finishes()
    {
        var table = ThreeWaiting().Do(new NextPitch(), An).Do(new NextPitch(), An).Do(new NextPitch(), An);

        Assert.Equal(table.PitchOf(Dirk).Id, table.State.Round.Current);
        Assert.Equal([Bart.Key, Carla.Key, Dirk.Key], PitchQueue.Presented(table.State.Round, table.Records).Select(p => p.AuthorKey));
        var finished = table.Accepted(new NextPitch(), An);
        Assert.Null(finished.State.Round.Current);
        Assert.Equal(TimerStatus.Stopped, finished.State.Round.Timer!.Status());
        Assert.Contains(new RoundFinished(), finished.Events);
        Assert.Contains(finished.Events, e => e is TimerChanged);
        Assert.Equal(RefusalReason.QueueEmpty, table.Apply(finished).Refused(new NextPitch(), An).Reason);
    }

    [Fact]
    public void Each_new_timer_has_a_higher_generation_than_any_before()
    {
        var table = ThreeWaiting().Do(new NextPitch(), An);
        var first = table.State.Round.Timer!.Generation;

        var paused = table.Do(new ControlTimer(TimerControl.Pause), An);
        var next = paused.Do(new NextPitch(), An);

        Assert.True(paused.State.Round.Timer!.Generation > first);
        Assert.True(next.State.Round.Timer!.Generation > paused.State.Round.Timer.Generation);
    }

    [Fact]
    public void A_live_pitch_added_later_joins_the_end_even_after_the_moderator_rearranged()
    {
        var table = ThreeWaiting().Do(new MovePitch(ThreeWaiting().PitchOf(Dirk).Id, MoveDirection.Up), An);

        var more = table.Do(new CheckIn(CheckInMode.Present), Eva).Pitch(Eva, "e");

        Assert.Equal([Bart.Key, Dirk.Key, Carla.Key, Eva.Key], more.Queue());
    }

    [Fact]
    public void The_moderator_moves_a_pitch_up_and_down()
    {
        var table = ThreeWaiting();
        var carla = table.PitchOf(Carla).Id;

        var up = table.Do(new MovePitch(carla, MoveDirection.Up), An);
        var back = up.Do(new MovePitch(carla, MoveDirection.Down), An);

        Assert.Equal([Carla.Key, Bart.Key, Dirk.Key], up.Queue());
        Assert.Equal([Bart.Key, Carla.Key, Dirk.Key], back.Queue());
        Assert.Equal(RefusalReason.CannotMove, up.Refused(new MovePitch(carla, MoveDirection.Up), An).Reason);
        Assert.Equal(RefusalReason.CannotMove, table.Refused(new MovePitch(table.PitchOf(Dirk).Id, MoveDirection.Down), An).Reason);
    }

    [Fact]
    public void A_skipped_pitch_leaves_the_queue_and_can_still_be_picked()
    {
        var table = ThreeWaiting();
        var bart = table.PitchOf(Bart).Id;

        var skipped = table.Do(new SkipPitch(bart), An);
        var next = skipped.Do(new NextPitch(), An);
        var picked = next.Do(new PickPitch(bart), An);

        Assert.Equal([Carla.Key, Dirk.Key], skipped.Queue());
        Assert.Equal([bart], PitchQueue.Skipped(skipped.State.Round, skipped.Records).Select(p => p.Id));
        Assert.Equal(RefusalReason.NotInQueue, skipped.Refused(new SkipPitch(bart), An).Reason);
        Assert.Equal(RefusalReason.NotInQueue, skipped.Refused(new MovePitch(bart, MoveDirection.Up), An).Reason);
        Assert.Equal(next.PitchOf(Carla).Id, next.State.Round.Current);
        Assert.Equal(bart, picked.State.Round.Current);
        Assert.Empty(picked.State.Round.Skipped);
        Assert.Equal([Dirk.Key], picked.Queue());
    }

    [Fact]
    public void Picking_brings_any_waiting_pitch_up_now()
    {
        var table = ThreeWaiting();

        var accepted = table.Accepted(new PickPitch(table.PitchOf(Dirk).Id), An);

        Assert.Equal(new PitchUp(table.PitchOf(Dirk)), accepted.Events[0]);
        Assert.Equal([Bart.Key, Carla.Key], table.Apply(accepted).Queue());
    }

    [Fact]
    public void A_pitch_that_came_up_cannot_be_moved_skipped_picked_or_withdrawn()
    {
        var table = ThreeWaiting().Do(new NextPitch(), An);
        var bart = table.PitchOf(Bart).Id;

        Assert.Equal(RefusalReason.PitchAlreadyUp, table.Refused(new MovePitch(bart, MoveDirection.Down), An).Reason);
        Assert.Equal(RefusalReason.PitchAlreadyUp, table.Refused(new SkipPitch(bart), An).Reason);
        Assert.Equal(RefusalReason.PitchAlreadyUp, table.Refused(new PickPitch(bart), An).Reason);
        Assert.Equal(RefusalReason.PitchAlreadyUp, table.Refused(new WithdrawPitch(), Bart).Reason);
    }

    [Fact]
    public void Only_the_moderator_runs_the_queue()
    {
        var table = ThreeWaiting();
        var carla = table.PitchOf(Carla).Id;

        foreach (var command in new RoundCommand[] { new NextPitch(), new MovePitch(carla, MoveDirection.Up), new SkipPitch(carla), new PickPitch(carla) })
        {
            Assert.Equal(RefusalReason.OnlyModerator, table.Refused(command, Bart).Reason);
        }
    }

    [Fact]
    public void Unknown_or_withdrawn_pitches_cannot_be_queued()
    {
        var table = ThreeWaiting();
        var withdrawn = table.Do(new WithdrawPitch(), Carla);

        Assert.Equal(RefusalReason.UnknownPitch, table.Refused(new PickPitch("nope"), An).Reason);
        Assert.Equal(RefusalReason.UnknownPitch, withdrawn.Refused(new PickPitch(table.PitchOf(Carla).Id), An).Reason);
        Assert.Equal([Bart.Key, Dirk.Key], withdrawn.Queue());
    }

    [Fact]
    public void The_queue_waits_for_the_session_to_open()
    {
        var planned = PlannedTable().Pitch(Bart, "b");

        Assert.Equal(RefusalReason.NotOpenYet, planned.Refused(new NextPitch(), An).Reason);
    }

    [Fact]
    public void Closing_the_session_ends_the_round_and_stops_the_timer()
    {
        var table = ThreeWaiting().Do(new NextPitch(), An);

        var closed = table.Do(new RequestClose(), An).Do(new ConfirmClose(), An);

        Assert.Null(closed.State.Round.Current);
        Assert.Equal(TimerStatus.Stopped, closed.State.Round.Timer!.Status());
        Assert.Empty(TimerAlerts.Upcoming(closed.State.Id, closed.State.Round.Timer));
        Assert.Equal(RefusalReason.SessionClosed, closed.Refused(new NextPitch(), An).Reason);
    }

    [Fact]
    public void The_timer_durations_follow_the_session_kind_and_the_settings()
    {
        var openHuys = new Table(Accept(null, new Start("s1", SessionKind.OpenHuys, null, Conversation), An).State, SessionRecords.Empty, Now, 0)
            .Pitch(An, "a");
        var settings = TimerSettings.Default with { OpenHuys = new PhaseDurations(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)) };

        var timer = Assert.IsType<TimerChanged>(openHuys.Accepted(new NextPitch(), An, settings).Events[1]).Timer;
        var byDefault = Assert.IsType<TimerChanged>(openHuys.Accepted(new NextPitch(), An).Events[1]).Timer;

        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)), (timer.PitchDuration, timer.AnswersDuration));
        Assert.Equal((TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5)), (byDefault.PitchDuration, byDefault.AnswersDuration));
    }
}
