using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Timers;

/// <summary>How long each phase of one pitch lasts: the pitch itself, then the answers.</summary>
public sealed record PhaseDurations(TimeSpan Pitch, TimeSpan Answers);

/// <summary>
/// The timer's durations per session kind and its alert settings. The Bot fills it from its
/// options; the defaults are what a Stuyfplek does: a connectortafel gives each pitch 5 minutes
/// and its answers 10; an open huys is lighter (a short spotlight of 3 minutes, 5 for reactions).
/// </summary>
public sealed record TimerSettings
{
    public static TimerSettings Default { get; } = new();

    /// <summary>The longest phase the settings accept (a typo such as 500 minutes is refused).</summary>
    public static readonly TimeSpan MaxPhase = TimeSpan.FromHours(2);

    public PhaseDurations Connectortafel { get; init; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    public PhaseDurations OpenHuys { get; init; } = new(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5));

    /// <summary>The warning comes this long before a phase ends ("nog 1 minuut").</summary>
    public TimeSpan WarningBefore { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What "+2 minuten" adds.</summary>
    public TimeSpan Extension { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An alert posted more than this after its time says it is late (the bot was away).</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromSeconds(30);

    public PhaseDurations For(SessionKind kind) => kind == SessionKind.Connectortafel ? Connectortafel : OpenHuys;

    /// <summary>What is wrong with these settings, in words for whoever configures the Bot; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, durations) in new[] { (nameof(Connectortafel), Connectortafel), (nameof(OpenHuys), OpenHuys) })
        {
            Check(problems, $"{name}.Pitch", durations.Pitch);
            Check(problems, $"{name}.Answers", durations.Answers);
        }

        Check(problems, nameof(Extension), Extension);
        if (WarningBefore <= TimeSpan.Zero || WarningBefore > MaxPhase)
        {
            problems.Add($"{nameof(WarningBefore)} must be more than 0 and at most {MaxPhase}.");
        }

        if (LateAfter < TimeSpan.Zero)
        {
            problems.Add($"{nameof(LateAfter)} must not be negative.");
        }

        return problems;
    }

    private static void Check(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > MaxPhase)
        {
            problems.Add($"{name} must be more than 0 and at most {MaxPhase}.");
        }
    }
}
