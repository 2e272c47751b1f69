using System.Globalization;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>The command line: <c>--name value</c> pairs.</summary>
/// <param name="Bot">The bot's base address.</param>
/// <param name="Connector">The BenchConnector's base address.</param>
/// <param name="Label">The store's name in the rows printed.</param>
/// <param name="BotPid">The bot's process id, for its CPU time and peak RSS.</param>
/// <param name="People">How many people press (check in, or answer).</param>
/// <param name="Spread">Over how long the presses of one burst are spread evenly.</param>
/// <param name="Bursts">Check-ins: bursts, each in a new chat. Answers: pitches, each answered by everyone.</param>
/// <param name="Settle">The chat counts as quiet after this long without a call to the connector.</param>
/// <param name="Scenario"><c>checkins</c> (the check-in burst) or <c>answers</c> (the answer burst).</param>
/// <param name="Redeliveries">Answers: how many of the answers Teams delivers a second time, mixed into the burst.</param>
/// <param name="StorePath">Answers: the bot's file store folder (<c>Storage:DataPath</c>), to count what it stored.</param>
/// <param name="StoreConnectionString">Answers: the bot's storage connection string (Azurite), to count what it stored.</param>
/// <param name="StorePid">Answers: Azurite's process id, for its CPU time per burst.</param>
/// <param name="TurnsOut">Answers: a file to append every turn to (store, burst, person, redelivery, sent at, latency), as CSV.</param>
public sealed record BurstOptions(
    Uri Bot,
    Uri Connector,
    string Label,
    int? BotPid,
    int People,
    TimeSpan Spread,
    int Bursts,
    TimeSpan Settle,
    string Scenario,
    int Redeliveries,
    string? StorePath,
    string? StoreConnectionString,
    int? StorePid,
    string? TurnsOut)
{
    public const string CheckIns = "checkins";
    public const string Answers = "answers";

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

        var scenario = Get("scenario", CheckIns);
        if (scenario is not (CheckIns or Answers))
        {
            throw new ArgumentException($"--scenario is '{CheckIns}' or '{Answers}', not '{scenario}'.");
        }

        var answers = scenario == Answers;
        var options = new BurstOptions(
            new Uri(Get("bot", "http://127.0.0.1:3988")),
            new Uri(Get("connector", "http://127.0.0.1:3989")),
            Get("label", "bot"),
            values.TryGetValue("bot-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Number("people", answers ? 300 : 60),
            TimeSpan.FromMilliseconds(Number("spread-ms", answers ? 1000 : 2000)),
            Number("bursts", answers ? 2 : 4),
            TimeSpan.FromMilliseconds(Number("settle-ms", 3000)),
            scenario,
            Number("redeliveries", 30),
            values.GetValueOrDefault("store-path"),
            values.GetValueOrDefault("store-connection-string"),
            values.TryGetValue("store-pid", out var storePid) ? int.Parse(storePid, CultureInfo.InvariantCulture) : null,
            values.GetValueOrDefault("turns-out"));
        if (answers && (options.StorePath is null) == (options.StoreConnectionString is null))
        {
            throw new ArgumentException("The answer burst counts what the bot stored: give --store-path or --store-connection-string.");
        }

        return options;
    }
}
