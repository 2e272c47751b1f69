using FsCheck;
using FsCheck.Fluent;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Tests.Pitches;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Timers;

/// <summary>
/// Simulated sessions, second by second, with the timekeeper pausing, resuming, extending and
/// stopping at random, "Volgende pitch" now and then, and two bot instances sharing a reminder
/// store with create-only markers (what the Bot does). Sometimes both instances are away for a while.
/// </summary>
public sealed class TimerAlertProperties
{
    private static readonly TimeSpan LateAfter = TimerSettings.Default.LateAfter;

    [Fact]
    public void Without_interruptions_every_alert_of_a_generation_that_stays_current_is_posted_exactly_once_on_time()
    {
        Prop.ForAll(Scripts(withGaps: false).ToArbitrary(), script =>
        {
            var run = Simulate(script);
            var expected = run.Generations
                .SelectMany(g => TimerAlerts.Upcoming(run.SessionId, g.Timer).Where(a => a.DueAt <= g.Until && a.DueAt <= run.End))
                .ToList();
            return run.Posts.Count == run.Posts.Select(p => p.Alert.Id).Distinct().Count()
                && run.Posts.Select(p => p.Alert.Id).ToHashSet().SetEquals(expected.Select(a => a.Id))
                && run.Posts.All(p => p.At == p.Alert.DueAt && !p.Late);
        }).VerifyProperty();
    }

    [Fact]
    public void With_instances_away_no_alert_comes_twice_none_is_stale_or_overtaken_and_late_ones_say_so()
    {
        Prop.ForAll(Scripts(withGaps: true).ToArbitrary(), script =>
        {
            var run = Simulate(script);
            var distinct = run.Posts.Count == run.Posts.Select(p => p.Alert.Id).Distinct().Count();
            var allCurrent = run.Posts.All(p =>
            {
                var generation = run.Generations.Single(g => g.From < p.At && p.At <= g.Until);
                var upcoming = TimerAlerts.Upcoming(run.SessionId, generation.Timer);
                var overtaken = upcoming.Any(other => other.DueAt > p.Alert.DueAt && other.DueAt <= p.At);
                return upcoming.Contains(p.Alert) && p.Alert.DueAt <= p.At && !overtaken && p.Late == (p.At - p.Alert.DueAt > LateAfter);
            });
            var nothingMissed = run.Checks.All(c => c.Due.Post is null || run.Posts.Any(p => p.Alert == c.Due.Post && p.At <= c.At));
            return distinct && allCurrent && nothingMissed;
        }).VerifyProperty();
    }

    [Fact]
    public void Alert_ids_are_unique_across_all_generations_of_a_session()
    {
        Prop.ForAll(Scripts(withGaps: false).ToArbitrary(), script =>
        {
            var ids = Simulate(script).Generations.SelectMany(g => TimerAlerts.Upcoming("s1", g.Timer)).Select(a => a.Id.Key()).ToList();
            return ids.Count == ids.Distinct().Count();
        }).VerifyProperty();
    }

    [Fact]
    public void Instances_back_after_the_time_was_up_post_one_late_tijd_and_drop_what_it_overtook()
    {
        // The warning at 4:00 comes on time; then both instances are away from 4:10 until 16:40.
        var run = Simulate([new Step(250, null, 750), new Step(760, null, 0)]);

        var start = run.Generations[0].From;
        Assert.Equal(
            [(TimerPhase.Pitch, AlertKind.Warning, start.AddMinutes(4), false), (TimerPhase.Answers, AlertKind.TimeUp, start.AddSeconds(1000), true)],
            run.Posts.Select(p => (p.Alert.Id.Phase, p.Alert.Id.Kind, p.At, p.Late)));
    }

    /// <summary>One step of a script: wait, then perhaps act; with gaps, the instances may be away for a while.</summary>
    private sealed record Step(int WaitSeconds, RoundCommand? Command, int AwaySeconds);

    private sealed record Post(TimerAlert Alert, DateTimeOffset At, bool Late);

    /// <summary>A timer as it was from one change to the next (checks come before commands within a second, so a post at <see cref="Until"/> still belongs to it).</summary>
    private sealed record Generation(PitchTimer Timer, DateTimeOffset From, DateTimeOffset Until);

    private sealed record Check(DateTimeOffset At, AlertsDue Due);

    private sealed record Run(string SessionId, List<Generation> Generations, List<Post> Posts, List<Check> Checks, DateTimeOffset End);

    private static Run Simulate(IReadOnlyList<Step> script)
    {
        var table = Table.OpenTable()
            .Do(new AssignRole(Role.Timekeeper, Carla.Key), An)
            .Pitch(Bart, "b").Pitch(Carla, "c").Pitch(Dirk, "d").Pitch(An, "a");
        table = table.Apply(table.Accepted(new NextPitch(), An)) with { Clock = table.Clock };
        var now = table.Clock;
        var sessionId = table.State.Id;
        var reminders = new Dictionary<AlertId, DateTimeOffset>();
        var markers = new HashSet<string>(StringComparer.Ordinal);
        var generations = new List<(PitchTimer Timer, DateTimeOffset From)>();
        var posts = new List<Post>();
        var checks = new List<Check>();
        void Schedule(PitchTimer timer)
        {
            generations.Add((timer, now));
            foreach (var alert in TimerAlerts.Upcoming(sessionId, timer))
            {
                reminders[alert.Id] = alert.DueAt;
            }
        }

        Schedule(table.State.Round.Timer!);
        var awayUntil = DateTimeOffset.MinValue;
        foreach (var step in script)
        {
            for (var second = 0; second < step.WaitSeconds; second++)
            {
                now = now.AddSeconds(1);
                if (now >= awayUntil)
                {
                    // Both instances see the same due reminders; the create-only marker lets one post.
                    var due = reminders.Where(r => r.Value <= now).Select(r => r.Key).ToList();
                    checks.Add(new Check(now, TimerAlerts.Due(sessionId, table.State.Round.Timer, now, LateAfter)));
                    foreach (var instance in new[] { 1, 2 })
                    {
                        foreach (var id in due)
                        {
                            var verdict = TimerAlerts.Check(sessionId, table.State.Round.Timer, id, now, LateAfter);
                            if (verdict.Verdict == AlertVerdict.Post && markers.Add(id.Key()))
                            {
                                posts.Add(new Post(verdict.Alert!, now, verdict.Late));
                            }

                            if (verdict.Verdict != AlertVerdict.NotYet)
                            {
                                reminders.Remove(id);
                            }
                        }
                    }
                }
            }

            if (step.AwaySeconds > 0)
            {
                awayUntil = now.AddSeconds(step.AwaySeconds);
            }

            if (step.Command is { } command && (table with { Clock = now }).Decide(command, Carla) is Accepted accepted)
            {
                table = table.Apply(accepted) with { Clock = now };
                foreach (var changed in accepted.Events.OfType<TimerChanged>())
                {
                    Schedule(changed.Timer);
                }
            }
        }

        var spans = generations.Select((g, i) => new Generation(g.Timer, g.From, i + 1 < generations.Count ? generations[i + 1].From : DateTimeOffset.MaxValue)).ToList();
        return new Run(sessionId, spans, posts, checks, now);
    }

    private static Gen<IReadOnlyList<Step>> Scripts(bool withGaps)
    {
        RoundCommand? Fixed(RoundCommand? c) => c;
        var command = Gen.Frequency(
            (6, Gen.Constant(Fixed(null))),
            (3, Gen.Constant(Fixed(new ControlTimer(TimerControl.Pause)))),
            (3, Gen.Constant(Fixed(new ControlTimer(TimerControl.Resume)))),
            (3, Gen.Constant(Fixed(new ControlTimer(TimerControl.Extend)))),
            (1, Gen.Constant(Fixed(new ControlTimer(TimerControl.Stop)))),
            (1, Gen.Constant(Fixed(new ControlTimer(TimerControl.Start)))),
            (1, Gen.Constant(Fixed(new NextPitch()))));
        var away = withGaps
            ? Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(20, 900)))
            : Gen.Constant(0);
        var step = from wait in Gen.Choose(1, 240)
                   from c in command
                   from a in away
                   select new Step(wait, c, a);
        return from length in Gen.Choose(1, 25)
               from steps in Gen.ListOf(step, length)
               select (IReadOnlyList<Step>)[.. steps];
    }
}
