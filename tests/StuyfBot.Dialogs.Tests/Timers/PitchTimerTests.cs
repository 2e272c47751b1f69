using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Tests.Timers;

/// <summary>The timer's timeline: pitch phase, answers phase, pause, resume, +2 minutes, stop.</summary>
public sealed class PitchTimerTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 11, 28, 18, 30, 0, TimeSpan.Zero);

    internal static PitchTimer Fresh() => PitchTimer.Start("p1", 1, TimerSettings.Default.Connectortafel, TimeSpan.FromMinutes(1), T0);

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void A_started_timer_runs_the_pitch_phase_then_the_answers_then_overtime()
    {
        var timer = Fresh();

        Assert.Equal(TimerStatus.Running, timer.Status());
        Assert.Equal(TimerPhase.Pitch, timer.PhaseAt(timer.ElapsedAt(T0 + Min(4.9))));
        Assert.Equal(TimerPhase.Answers, timer.PhaseAt(timer.ElapsedAt(T0 + Min(5))));
        Assert.Equal(TimerPhase.Answers, timer.PhaseAt(timer.ElapsedAt(T0 + Min(20))));
        Assert.Equal(T0 + Min(5), timer.EndsAt(TimerPhase.Pitch));
        Assert.Equal(T0 + Min(15), timer.EndsAt(TimerPhase.Answers));
        Assert.Equal(Min(3), timer.RemainingIn(TimerPhase.Pitch, Min(2)));
        Assert.Equal(TimeSpan.Zero, timer.RemainingIn(TimerPhase.Pitch, Min(6)));
        Assert.Equal(TimeSpan.Zero, timer.ElapsedAt(T0 - Min(1)));
    }

    [Fact]
    public void Pausing_freezes_the_elapsed_time_and_resuming_goes_on_from_there()
    {
        var paused = Fresh().Pause(T0 + Min(2));

        Assert.Equal(TimerStatus.Paused, paused.Status());
        Assert.Equal(Min(2), paused.ElapsedAt(T0 + Min(30)));
        Assert.Null(paused.EndsAt(TimerPhase.Pitch));
        var resumed = paused.Resume(T0 + Min(10));
        Assert.Equal(T0 + Min(13), resumed.EndsAt(TimerPhase.Pitch));
        Assert.Equal(Min(3), resumed.ElapsedAt(T0 + Min(11)));
        Assert.Equal([2, 3], new[] { paused.Generation, resumed.Generation });
    }

    [Fact]
    public void Plus_two_minutes_extends_the_phase_running_now()
    {
        var timer = Fresh();

        var inPitch = timer.Extend(T0 + Min(4), Min(2));
        var inAnswers = timer.Extend(T0 + Min(6), Min(2));

        Assert.Equal((Min(7), Min(10)), (inPitch.PitchDuration, inPitch.AnswersDuration));
        Assert.Equal(T0 + Min(7), inPitch.EndsAt(TimerPhase.Pitch));
        Assert.Equal((Min(5), Min(12)), (inAnswers.PitchDuration, inAnswers.AnswersDuration));
        Assert.Equal(T0 + Min(17), inAnswers.EndsAt(TimerPhase.Answers));
        Assert.Equal(2, inPitch.Generation);
    }

    [Fact]
    public void Plus_two_minutes_in_overtime_gives_two_minutes_from_now()
    {
        var extended = Fresh().Extend(T0 + Min(18), Min(2));

        Assert.Equal(T0 + Min(20), extended.EndsAt(TimerPhase.Answers));
    }

    [Fact]
    public void A_paused_timer_can_be_extended_and_stays_paused()
    {
        var extended = Fresh().Pause(T0 + Min(1)).Extend(T0 + Min(3), Min(2));

        Assert.Equal(TimerStatus.Paused, extended.Status());
        Assert.Equal(Min(1), extended.Elapsed);
        Assert.Equal(Min(7), extended.PitchDuration);
    }

    [Fact]
    public void Stopping_keeps_the_time_run_and_ends_all_alerts()
    {
        var stopped = Fresh().Stop(T0 + Min(3));

        Assert.Equal(TimerStatus.Stopped, stopped.Status());
        Assert.Equal(Min(3), stopped.Elapsed);
        Assert.Empty(TimerAlerts.Upcoming("s1", stopped));
    }

    [Fact]
    public void The_settings_default_to_five_and_ten_minutes_for_a_connectortafel_and_say_what_is_wrong()
    {
        var settings = TimerSettings.Default;

        Assert.Equal(new PhaseDurations(Min(5), Min(10)), settings.For(SessionKind.Connectortafel));
        Assert.Equal(new PhaseDurations(Min(3), Min(5)), settings.For(SessionKind.OpenHuys));
        Assert.Equal((Min(1), Min(2)), (settings.WarningBefore, settings.Extension));
        Assert.Empty(settings.Problems());
        var wrong = settings with
        {
            Connectortafel = new PhaseDurations(TimeSpan.Zero, Min(500)),
            WarningBefore = TimeSpan.Zero,
            Extension = -Min(1),
            LateAfter = -Min(1),
        };
        Assert.Equal(5, wrong.Problems().Count);
        Assert.Contains(wrong.Problems(), p => p.StartsWith("Connectortafel.Pitch", StringComparison.Ordinal));
    }
}
