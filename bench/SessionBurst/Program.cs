using System.Globalization;
using StuyfBot.Bench.SessionBurst;

// Usage: dotnet bench/SessionBurst/bin/Release/net10.0/SessionBurst.dll --bot http://127.0.0.1:3988 --connector http://127.0.0.1:3989
//          [--label "file store"] [--bot-pid <pid>] [--people 60] [--spread-ms 2000] [--bursts 4] [--settle-ms 3000]
// Needs a running bot (local mode) whose serviceUrl calls go to a BenchConnector started with
// KeepCalls=true (bench/session-burst.sh starts both). Each burst starts a session in a new group
// chat, then <people> distinct people press "Ik ben er" spread evenly over <spread-ms>. The first
// burst meets a freshly started bot (cold: code not yet compiled, no connections yet); later ones
// show the steady state. Prints one Markdown row per burst plus one with the turns of bursts #2 and
// later pooled, and exits with 1 when a burst did not end with everyone on the shared card.
var options = BurstOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    // Every person has their own connection, as every Teams client reaches the bot on its own.
    MaxConnectionsPerServer = 1024,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
})
{ Timeout = TimeSpan.FromSeconds(60) };

var connector = new ConnectorLog(http, options.Connector);
var results = new List<BurstResult>();
for (var burst = 1; burst <= options.Bursts; burst++)
{
    var cpuBefore = BotProcess.CpuMilliseconds(options.BotPid);
    var result = await new Burst(http, connector, options).RunAsync(burst == 1 ? "#1 fresh bot" : $"#{burst}").ConfigureAwait(false);
    result = result with { BotCpuMs = BotProcess.CpuMilliseconds(options.BotPid) - cpuBefore };
    results.Add(result);
    await Console.Error.WriteLineAsync(result.Details).ConfigureAwait(false);
}

var peakRssMb = BotProcess.PeakRssMegabytes(options.BotPid);
Console.WriteLine(BurstResult.TableHeader);
foreach (var result in results)
{
    Console.WriteLine(result.Row(options.Label, peakRssMb));
}

var warm = results.Skip(1).ToList();
if (warm.Count > 1)
{
    Console.WriteLine(BurstResult.Pooled($"#2-#{results.Count} pooled", warm).Row(options.Label, peakRssMb));
}

var failed = results.Where(r => !r.EveryoneOnCard).ToList();
foreach (var result in failed)
{
    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"FAILED: burst {result.Kind}: the last card update shows {result.OnCard} of {result.Expected} people")).ConfigureAwait(false);
}

return failed.Count == 0 ? 0 : 1;
