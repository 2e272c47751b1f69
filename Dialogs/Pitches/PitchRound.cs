using System.Collections.Immutable;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// The pitch round's part of the session head: low-frequency state that only the moderator and
/// the timekeeper change, small because it holds pitch ids, never pitch content. The queue itself
/// is not stored: it follows from the pitches (records) and this (see <see cref="PitchQueue"/>),
/// so a pitch added live is only a record and never touches the head.
/// </summary>
public sealed record PitchRound
{
    public static PitchRound Empty { get; } = new();

    /// <summary>The order the moderator arranged (pitch ids); pitches not in it follow in their own order.</summary>
    public ImmutableList<string> Order { get; init; } = [];

    /// <summary>Pitches the moderator skipped (they can still be picked).</summary>
    public ImmutableList<string> Skipped { get; init; } = [];

    /// <summary>Pitches that came up, in the order they did (the current one last).</summary>
    public ImmutableList<string> Presented { get; init; } = [];

    /// <summary>The pitch up now; null before the first and after the last.</summary>
    public string? Current { get; init; }

    /// <summary>The timer of the current (or last) pitch; kept when stopped, so generations keep rising.</summary>
    public PitchTimer? Timer { get; init; }

    public bool IsPresented(string pitchId) => Presented.Contains(pitchId);

    /// <summary>The next timer generation: higher than any before in this session.</summary>
    public int NextGeneration() => (Timer?.Generation ?? 0) + 1;

    /// <summary>The round as a closed session leaves it: nothing current, the timer stopped (its reminders stale).</summary>
    public PitchRound Ended(DateTimeOffset now) => this with
    {
        Current = null,
        Timer = Timer is { Stopped: false } timer ? timer.Stop(now) : Timer,
    };
}
