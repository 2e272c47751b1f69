using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Timers.PitchTimerTests;

namespace StuyfBot.Dialogs.Tests.Timers;

/// <summary>Which alerts a timer has, when they are due, and what a fired reminder should do.</summary>
public sealed class TimerAlertTests
{
    private static readonly TimeSpan LateAfter = TimeSpan.FromSeconds(30);

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void A_running_timer_warns_a_minute_before_each_phase_ends_and_says_tijd_at_the_end()
    {
        var alerts = TimerAlerts.Upcoming("s1", Fresh());

        Assert.Equal(
            [
                (TimerPhase.Pitch, AlertKind.Warning, T0 + Min(4)),
                (TimerPhase.Pitch, AlertKind.TimeUp, T0 + Min(5)),
                (TimerPhase.Answers, AlertKind.Warning, T0 + Min(14)),
                (TimerPhase.Answers, AlertKind.TimeUp, T0 + Min(15)),
            ],
            alerts.Select(a => (a.Id.Phase, a.Id.Kind, a.DueAt)));
        Assert.All(alerts, a => Assert.Equal(("s1", "p1", 1), (a.Id.SessionId, a.Id.PitchId, a.Id.Generation)));
    }

    [Fact]
    public void A_phase_no_longer_than_the_warning_gets_no_warning()
    {
        var timer = PitchTimer.Start("p1", 1, new PhaseDurations(Min(1), Min(0.5)), Min(1), T0);

        Assert.Equal([AlertKind.TimeUp, AlertKind.TimeUp], TimerAlerts.Upcoming("s1", timer).Select(a => a.Id.Kind));
    }

    [Fact]
    public void Nothing_is_due_before_its_time_and_each_comes_on_time()
    {
        var timer = Fresh();

        Assert.Equal(AlertsDue.None, TimerAlerts.Due("s1", timer, T0 + Min(3.99), LateAfter));
        var warning = TimerAlerts.Due("s1", timer, T0 + Min(4), LateAfter);
        Assert.Equal((TimerPhase.Pitch, AlertKind.Warning), (warning.Post!.Id.Phase, warning.Post.Id.Kind));
        Assert.False(warning.Late);
        Assert.Empty(warning.Superseded);
    }

    [Fact]
    public void After_tijd_the_warning_before_it_is_superseded_not_posted()
    {
        var due = TimerAlerts.Due("s1", Fresh(), T0 + Min(5), LateAfter);

        Assert.Equal(AlertKind.TimeUp, due.Post!.Id.Kind);
        Assert.Equal([AlertKind.Warning], due.Superseded.Select(a => a.Id.Kind));
    }

    [Fact]
    public void A_bot_that_was_away_posts_only_the_latest_alert_and_says_it_is_late()
    {
        var due = TimerAlerts.Due("s1", Fresh(), T0 + Min(14.75), LateAfter);

        Assert.Equal((TimerPhase.Answers, AlertKind.Warning), (due.Post!.Id.Phase, due.Post.Id.Kind));
        Assert.True(due.Late);
        Assert.Equal(2, due.Superseded.Count);
        Assert.False(TimerAlerts.Due("s1", Fresh(), T0 + Min(4) + LateAfter, LateAfter).Late);
        Assert.True(TimerAlerts.Due("s1", Fresh(), T0 + Min(4) + LateAfter + TimeSpan.FromTicks(1), LateAfter).Late);
    }

    [Fact]
    public void A_reminder_is_checked_against_the_timer_as_it_is_now()
    {
        var timer = Fresh();
        var alerts = TimerAlerts.Upcoming("s1", timer);
        var (warning, tijd) = (alerts[0].Id, alerts[1].Id);

        Assert.Equal(AlertVerdict.NotYet, TimerAlerts.Check("s1", timer, warning, T0 + Min(3), LateAfter).Verdict);
        Assert.Equal(new AlertCheck(AlertVerdict.Post, alerts[0], false), TimerAlerts.Check("s1", timer, warning, T0 + Min(4.1), LateAfter));
        Assert.Equal(AlertVerdict.Superseded, TimerAlerts.Check("s1", timer, warning, T0 + Min(5.1), LateAfter).Verdict);
        Assert.Equal(new AlertCheck(AlertVerdict.Post, alerts[1], true), TimerAlerts.Check("s1", timer, tijd, T0 + Min(6), LateAfter));
    }

    [Fact]
    public void Reminders_of_an_earlier_generation_are_stale_after_pause_extend_stop_or_another_pitch()
    {
        var timer = Fresh();
        var warning = TimerAlerts.Upcoming("s1", timer)[0].Id;
        var later = T0 + Min(4.5);

        foreach (var changed in new PitchTimer?[]
        {
            timer.Pause(T0 + Min(1)),
            timer.Pause(T0 + Min(1)).Resume(T0 + Min(2)),
            timer.Extend(T0 + Min(1), Min(2)),
            timer.Stop(T0 + Min(1)),
            PitchTimer.Start("p2", 9, TimerSettings.Default.Connectortafel, Min(1), T0),
            null,
        })
        {
            Assert.Equal(AlertVerdict.Stale, TimerAlerts.Check("s1", changed, warning, later, LateAfter).Verdict);
        }

        Assert.Equal(AlertVerdict.Stale, TimerAlerts.Check("other-session", timer, warning, later, LateAfter).Verdict);
    }

    [Fact]
    public void After_a_pause_only_the_alerts_still_ahead_come_so_a_warning_already_given_is_not_repeated()
    {
        var resumed = Fresh().Pause(T0 + Min(4.5)).Resume(T0 + Min(8));

        var alerts = TimerAlerts.Upcoming("s1", resumed);

        Assert.Equal(
            [(TimerPhase.Pitch, AlertKind.TimeUp, T0 + Min(8.5)), (TimerPhase.Answers, AlertKind.Warning, T0 + Min(17.5)), (TimerPhase.Answers, AlertKind.TimeUp, T0 + Min(18.5))],
            alerts.Select(a => (a.Id.Phase, a.Id.Kind, a.DueAt)));
        Assert.Empty(TimerAlerts.Upcoming("s1", Fresh().Pause(T0 + Min(1))));
    }

    [Fact]
    public void Plus_two_minutes_gives_a_new_warning_for_the_new_end()
    {
        var extended = Fresh().Extend(T0 + Min(4.5), Min(2));

        var alerts = TimerAlerts.Upcoming("s1", extended);

        Assert.Equal((AlertKind.Warning, T0 + Min(6)), (alerts[0].Id.Kind, alerts[0].DueAt));
        Assert.Equal((AlertKind.TimeUp, T0 + Min(7)), (alerts[1].Id.Kind, alerts[1].DueAt));
    }

    [Fact]
    public void An_alert_key_is_url_safe_stable_and_different_for_every_part_of_the_id()
    {
        var id = new AlertId("s1", "p1", TimerPhase.Pitch, 3, AlertKind.Warning);
        AlertId[] others =
        [
            id with { SessionId = "s2" }, id with { PitchId = "p2" }, id with { Phase = TimerPhase.Answers },
            id with { Generation = 4 }, id with { Kind = AlertKind.TimeUp },
        ];

        Assert.Equal(id.Key(), new AlertId("s1", "p1", TimerPhase.Pitch, 3, AlertKind.Warning).Key());
        Assert.Matches("^alert-[0-9a-f]{32}$", id.Key());
        Assert.Equal(others.Length + 1, others.Select(o => o.Key()).Append(id.Key()).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s1\np1\nPitch\n3")]
    [InlineData("s1\np1\nPitch\n-3\nWarning")]
    [InlineData("s1\np1\nLunch\n3\nWarning")]
    [InlineData("s1\np1\n7\n3\nWarning")]
    [InlineData("s1\n\nPitch\n3\nWarning")]
    [InlineData("s1\np1\nPitch\n3\nWarning\nextra")]
    public void An_alert_id_reads_back_from_a_reminder_payload_and_nothing_else_does(string? payload)
    {
        var id = new AlertId("s1", "p1", TimerPhase.Answers, 12, AlertKind.TimeUp);

        Assert.Equal(id, AlertId.TryParse(id.ToString()));
        Assert.Null(AlertId.TryParse(payload));
    }
}
