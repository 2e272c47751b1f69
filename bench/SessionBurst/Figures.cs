namespace StuyfBot.Bench.SessionBurst;

public static class Figures
{
    /// <summary>The nearest-rank percentile (of 60 values, p99 is the largest).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The most moments (sorted, ms) that fall in any window of this length.</summary>
    public static int MaxInWindow(IReadOnlyList<double> sortedMs, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(sortedMs);
        var most = 0;
        var first = 0;
        for (var last = 0; last < sortedMs.Count; last++)
        {
            while (sortedMs[last] - sortedMs[first] >= window.TotalMilliseconds)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }
}
