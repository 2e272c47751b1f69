namespace StuyfBot.Dialogs.Timers;

/// <summary>The two phases of one pitch: the pitch, then the others' answers.</summary>
public enum TimerPhase
{
    Pitch,
    Answers,
}

public enum TimerStatus
{
    Running,
    Paused,
    Stopped,
}

/// <summary>
/// The timer of the current pitch, kept in the session head. It is one timeline: the pitch phase
/// from 0 to <see cref="PitchDuration"/>, then the answers phase up to
/// <see cref="PitchDuration"/> + <see cref="AnswersDuration"/>, then overtime. Only the time run
/// so far and since when it runs are stored, so the timer needs no ticking: at any moment the
/// elapsed time follows from <c>now</c>.
/// <para>
/// Every change (start, pause, resume, extend, stop) makes a new <see cref="Generation"/> and
/// rebases the timeline on that moment: a generation's alerts are those still ahead of it, so
/// reminders scheduled by an earlier generation are recognisably stale and no alert of the
/// timeline comes twice (see <see cref="TimerAlerts"/>).
/// </para>
/// </summary>
public sealed record PitchTimer
{
    /// <summary>The pitch this timer times.</summary>
    public required string PitchId { get; init; }

    /// <summary>Rises with every change, over the whole session (part of each alert's id).</summary>
    public required int Generation { get; init; }

    /// <summary>The pitch phase, extensions included.</summary>
    public required TimeSpan PitchDuration { get; init; }

    /// <summary>The answers phase, extensions included.</summary>
    public required TimeSpan AnswersDuration { get; init; }

    /// <summary>How long before a phase ends the warning comes (fixed when the timer starts).</summary>
    public required TimeSpan WarningBefore { get; init; }

    /// <summary>The time run before <see cref="RunningSince"/> (when paused or stopped: all time run).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Since when it runs; null when paused or stopped.</summary>
    public DateTimeOffset? RunningSince { get; init; }

    public bool Stopped { get; init; }

    /// <summary>A timer that starts now at the beginning of the pitch phase.</summary>
    public static PitchTimer Start(string pitchId, int generation, PhaseDurations durations, TimeSpan warningBefore, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pitchId);
        ArgumentNullException.ThrowIfNull(durations);
        return new PitchTimer
        {
            PitchId = pitchId,
            Generation = generation,
            PitchDuration = durations.Pitch,
            AnswersDuration = durations.Answers,
            WarningBefore = warningBefore,
            RunningSince = now,
        };
    }

    public TimerStatus Status() => Stopped ? TimerStatus.Stopped : RunningSince is null ? TimerStatus.Paused : TimerStatus.Running;

    /// <summary>The time run at <paramref name="now"/> (never less than what ran before this generation).</summary>
    public TimeSpan ElapsedAt(DateTimeOffset now) =>
        RunningSince is { } since && now > since ? Elapsed + (now - since) : Elapsed;

    /// <summary>The phase at this point of the timeline (overtime counts as the answers phase).</summary>
    public TimerPhase PhaseAt(TimeSpan elapsed) => elapsed < PitchDuration ? TimerPhase.Pitch : TimerPhase.Answers;

    /// <summary>Where on the timeline the phase ends.</summary>
    public TimeSpan EndOf(TimerPhase phase) => phase == TimerPhase.Pitch ? PitchDuration : PitchDuration + AnswersDuration;

    public TimeSpan DurationOf(TimerPhase phase) => phase == TimerPhase.Pitch ? PitchDuration : AnswersDuration;

    /// <summary>When the phase ends on the clock, while the timer runs; null when paused or stopped.</summary>
    public DateTimeOffset? EndsAt(TimerPhase phase) => RunningSince is { } since ? since + (EndOf(phase) - Elapsed) : null;

    /// <summary>Time left in the phase after <paramref name="elapsed"/> (zero when it is over).</summary>
    public TimeSpan RemainingIn(TimerPhase phase, TimeSpan elapsed) =>
        EndOf(phase) > elapsed ? EndOf(phase) - elapsed : TimeSpan.Zero;

    public PitchTimer Pause(DateTimeOffset now) =>
        this with { Elapsed = ElapsedAt(now), RunningSince = null, Generation = Generation + 1 };

    public PitchTimer Resume(DateTimeOffset now) =>
        this with { RunningSince = now, Generation = Generation + 1 };

    public PitchTimer Stop(DateTimeOffset now) =>
        this with { Elapsed = ElapsedAt(now), RunningSince = null, Stopped = true, Generation = Generation + 1 };

    /// <summary>
    /// "+2 minuten": the phase running now gets <paramref name="by"/> more. In overtime the answers
    /// phase ends <paramref name="by"/> from now, because that is what the group asks for.
    /// </summary>
    public PitchTimer Extend(DateTimeOffset now, TimeSpan by)
    {
        var elapsed = ElapsedAt(now);
        var rebased = this with
        {
            Elapsed = elapsed,
            RunningSince = RunningSince is null ? null : now,
            Generation = Generation + 1,
        };
        return PhaseAt(elapsed) == TimerPhase.Pitch
            ? rebased with { PitchDuration = PitchDuration + by }
            : rebased with { AnswersDuration = (elapsed > EndOf(TimerPhase.Answers) ? elapsed - PitchDuration : AnswersDuration) + by };
    }
}
