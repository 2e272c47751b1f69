using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StuyfBot.Dialogs.Timers;

public enum AlertKind
{
    /// <summary>"Nog 1 minuut": the phase ends soon.</summary>
    Warning,

    /// <summary>"Tijd!": the phase is over.</summary>
    TimeUp,
}

/// <summary>
/// Names one alert of one timer generation. Equal ids mean the same alert, so the Bot's durable
/// reminder store can fire each exactly once (a create-only marker per <see cref="Key"/>), also
/// with several instances and after a restart.
/// </summary>
public sealed record AlertId(string SessionId, string PitchId, TimerPhase Phase, int Generation, AlertKind Kind)
{
    /// <summary>A short URL-safe key for blob names (a hash: it carries no id readable outside).</summary>
    public string Key()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ToString()));
        return "alert-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The id in full (for a reminder's payload; read back with <see cref="TryParse"/>).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SessionId}\n{PitchId}\n{Phase}\n{Generation}\n{Kind}");

    public static AlertId? TryParse(string? value)
    {
        var parts = (value ?? string.Empty).Split('\n');
        return parts.Length == 5
            && parts[0].Length > 0
            && parts[1].Length > 0
            && Enum.TryParse<TimerPhase>(parts[2], out var phase) && Enum.IsDefined(phase)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            && Enum.TryParse<AlertKind>(parts[4], out var kind) && Enum.IsDefined(kind)
            ? new AlertId(parts[0], parts[1], phase, generation, kind)
            : null;
    }
}

/// <summary>One alert and the moment it is due.</summary>
public sealed record TimerAlert(AlertId Id, DateTimeOffset DueAt);

/// <summary>
/// What is due at a moment: at most one alert to post (the latest whose time came), and the
/// earlier ones it makes pointless (a warning after "Tijd!" helps nobody): mark those done
/// without posting.
/// </summary>
/// <param name="Post">The alert to post, or null.</param>
/// <param name="Late">The post comes later than it should (the bot was away): say so.</param>
/// <param name="Superseded">Due, but overtaken by <paramref name="Post"/>.</param>
public sealed record AlertsDue(TimerAlert? Post, bool Late, IReadOnlyList<TimerAlert> Superseded)
{
    public static AlertsDue None { get; } = new(null, false, []);
}

public enum AlertVerdict
{
    /// <summary>Not due yet (a reminder that fired early, or a clock a little ahead): keep it.</summary>
    NotYet,

    /// <summary>Post it (once: the marker decides), saying it is late when <see cref="AlertCheck.Late"/>.</summary>
    Post,

    /// <summary>Due, but a later alert of the same timer is due too: drop it silently.</summary>
    Superseded,

    /// <summary>Not an alert of the timer as it is now (paused, extended, stopped, next pitch): drop it.</summary>
    Stale,
}

public sealed record AlertCheck(AlertVerdict Verdict, TimerAlert? Alert, bool Late);

/// <summary>
/// The pure side of the durable timer: which alerts a timer generation has, which are due at
/// <c>now</c>, and what to do with a reminder that fired. The Bot schedules a reminder for each
/// of <see cref="Upcoming"/> after every timer change, and when one fires (or when it starts and
/// finds reminders overdue) asks <see cref="Check"/> with the session head it loads then.
/// </summary>
public static class TimerAlerts
{
    /// <summary>
    /// Every alert of the timer's current generation, in time order: per phase a warning (when
    /// the phase is longer than the warning lead) and "Tijd!" at its end, each only if it lies
    /// ahead of the moment the generation began. A paused or stopped timer has none.
    /// </summary>
    public static IReadOnlyList<TimerAlert> Upcoming(string sessionId, PitchTimer? timer)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (timer?.RunningSince is not { } since)
        {
            return [];
        }

        var alerts = new List<TimerAlert>(4);
        foreach (var phase in new[] { TimerPhase.Pitch, TimerPhase.Answers })
        {
            var end = timer.EndOf(phase);
            if (timer.DurationOf(phase) > timer.WarningBefore)
            {
                Add(alerts, sessionId, timer, since, phase, AlertKind.Warning, end - timer.WarningBefore);
            }

            Add(alerts, sessionId, timer, since, phase, AlertKind.TimeUp, end);
        }

        return alerts;
    }

    /// <summary>What is due at <paramref name="now"/> (see <see cref="AlertsDue"/>).</summary>
    /// <param name="sessionId">The session the timer belongs to.</param>
    /// <param name="timer">The timer as in the session head now.</param>
    /// <param name="now">The time of the check.</param>
    /// <param name="lateAfter">How late a post may be before it says so (<see cref="TimerSettings.LateAfter"/>).</param>
    public static AlertsDue Due(string sessionId, PitchTimer? timer, DateTimeOffset now, TimeSpan lateAfter)
    {
        var due = Upcoming(sessionId, timer).Where(a => a.DueAt <= now).ToList();
        if (due.Count == 0)
        {
            return AlertsDue.None;
        }

        var post = due[^1];
        return new AlertsDue(post, now - post.DueAt > lateAfter, due[..^1]);
    }

    /// <summary>What to do with the reminder for <paramref name="alert"/>, given the head as it is now.</summary>
    public static AlertCheck Check(string sessionId, PitchTimer? timer, AlertId alert, DateTimeOffset now, TimeSpan lateAfter)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var scheduled = Upcoming(sessionId, timer).FirstOrDefault(a => a.Id == alert);
        if (scheduled is null)
        {
            return new AlertCheck(AlertVerdict.Stale, null, false);
        }

        if (scheduled.DueAt > now)
        {
            return new AlertCheck(AlertVerdict.NotYet, scheduled, false);
        }

        var due = Due(sessionId, timer, now, lateAfter);
        return due.Post?.Id == alert
            ? new AlertCheck(AlertVerdict.Post, scheduled, due.Late)
            : new AlertCheck(AlertVerdict.Superseded, scheduled, false);
    }

    private static void Add(List<TimerAlert> alerts, string sessionId, PitchTimer timer, DateTimeOffset since, TimerPhase phase, AlertKind kind, TimeSpan at)
    {
        // Strictly ahead: an alert at the very point where the generation began belonged to the one before.
        if (at > timer.Elapsed)
        {
            alerts.Add(new TimerAlert(new AlertId(sessionId, timer.PitchId, phase, timer.Generation, kind), since + (at - timer.Elapsed)));
        }
    }
}
