using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Tests.Pitches;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Timers;

/// <summary>The timer controls in the round: who may use them, and what each does to the head.</summary>
public sealed class RoundTimerTests
{
    /// <summary>Carla keeps time; Bart's pitch is up and its timer runs.</summary>
    private static Table Running() =>
        Table.OpenTable().GiveRole(Role.Timekeeper, Carla).Pitch(Bart, "b").Pitch(Dirk, "d").Do(new NextPitch(), An);

    [Fact]
    public void The_timekeeper_pauses_resumes_extends_and_stops_and_each_change_is_announced_for_rescheduling()
    {
        var table = Running();
        var started = table.State.Round.Timer!;

        var paused = table.Later(TimeSpan.FromMinutes(2)).Accepted(new ControlTimer(TimerControl.Pause), Carla);
        var pausedTimer = paused.State.Round.Timer!;
        var resumed = table.Apply(paused).Later(TimeSpan.FromMinutes(1)).Accepted(new ControlTimer(TimerControl.Resume), Carla);
        var extended = table.Apply(paused).Apply(resumed).Accepted(new ControlTimer(TimerControl.Extend), Carla);
        var stopped = table.Apply(paused).Apply(resumed).Apply(extended).Accepted(new ControlTimer(TimerControl.Stop), Carla);

        Assert.Null(paused.Item);
        Assert.Equal(TimerStatus.Paused, pausedTimer.Status());
        Assert.Equal(new TimerChanged(pausedTimer), paused.Events[0]);
        Assert.Equal(TimerStatus.Running, resumed.State.Round.Timer!.Status());
        Assert.Equal(started.PitchDuration + TimeSpan.FromMinutes(2), extended.State.Round.Timer!.PitchDuration);
        Assert.Equal(TimerStatus.Stopped, stopped.State.Round.Timer!.Status());
        Assert.True(stopped.State.Round.Timer.Generation > extended.State.Round.Timer.Generation);
    }

    [Fact]
    public void A_stopped_timer_starts_again_from_zero_with_a_new_generation()
    {
        var stopped = Running().Do(new ControlTimer(TimerControl.Stop), Carla);

        var restarted = stopped.Accepted(new ControlTimer(TimerControl.Start), An).State.Round.Timer!;

        Assert.Equal(TimeSpan.Zero, restarted.Elapsed);
        Assert.Equal(TimerStatus.Running, restarted.Status());
        Assert.True(restarted.Generation > stopped.State.Round.Timer!.Generation);
    }

    [Fact]
    public void Only_the_timekeeper_and_the_moderator_control_the_timer()
    {
        var table = Running();

        Assert.IsType<Accepted>(table.Decide(new ControlTimer(TimerControl.Pause), An));
        Assert.IsType<Accepted>(table.Decide(new ControlTimer(TimerControl.Pause), Carla));
        Assert.Equal(RefusalReason.OnlyTimekeeper, table.Refused(new ControlTimer(TimerControl.Pause), Bart).Reason);
        Assert.Equal(RefusalReason.OnlyTimekeeper, table.Refused(new ControlTimer(TimerControl.Pause), Dirk).Reason);
    }

    [Fact]
    public void The_extension_comes_from_the_settings()
    {
        var settings = TimerSettings.Default with { Extension = TimeSpan.FromMinutes(3) };

        var extended = Running().Accepted(new ControlTimer(TimerControl.Extend), Carla, settings);

        Assert.Equal(TimeSpan.FromMinutes(8), extended.State.Round.Timer!.PitchDuration);
    }

    [Fact]
    public void Without_a_pitch_up_there_is_no_timer_to_control()
    {
        var finished = Running().Do(new NextPitch(), An).Do(new NextPitch(), An);

        Assert.Null(finished.State.Round.Current);
        Assert.All(Enum.GetValues<TimerControl>(), c => Assert.Equal(RefusalReason.NoCurrentPitch, finished.Refused(new ControlTimer(c), Carla).Reason));
    }
}
