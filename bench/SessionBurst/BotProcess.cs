using System.Globalization;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>What Linux says about the bot's process (nothing when no pid was given).</summary>
public static class BotProcess
{
    /// <summary>Kernel clock ticks per second for /proc/pid/stat times (USER_HZ, 100 on Linux).</summary>
    private const int TicksPerSecond = 100;

    /// <summary>The peak resident set size (VmHWM) in MB.</summary>
    public static int? PeakRssMegabytes(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (int)(kilobytes / 1024);
    }

    /// <summary>User plus system CPU time the process has used so far, in ms (10 ms steps).</summary>
    public static long CpuMilliseconds(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / TicksPerSecond;
    }
}
