using System.Globalization;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>The command line: <c>--name value</c> pairs.</summary>
public sealed record BurstOptions(
    Uri Bot,
    Uri Connector,
    string Label,
    int? BotPid,
    int People,
    TimeSpan Spread,
    int Bursts,
    TimeSpan Settle)
{
    public static BurstOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        int Number(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new BurstOptions(
            new Uri(Get("bot", "http://127.0.0.1:3988")),
            new Uri(Get("connector", "http://127.0.0.1:3989")),
            Get("label", "bot"),
            values.TryGetValue("bot-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Number("people", 60),
            TimeSpan.FromMilliseconds(Number("spread-ms", 2000)),
            Number("bursts", 4),
            TimeSpan.FromMilliseconds(Number("settle-ms", 3000)));
    }
}
