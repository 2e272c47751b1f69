using System.Globalization;
using StuyfBot.Bench.SessionBurst;

// Usage: dotnet bench/SessionBurst/bin/Release/net10.0/SessionBurst.dll --bot http://127.0.0.1:3988 --connector http://127.0.0.1:3989
//          [--label "file store"] [--bot-pid <pid>] [--people 60] [--spread-ms 2000] [--bursts 4] [--settle-ms 3000]
//        ... --scenario answers (--store-path <bot's Storage:DataPath> | --store-connection-string <bot's Storage:ConnectionString>)
//          [--people 300] [--spread-ms 1000] [--bursts 2] [--redeliveries 30]
// Needs a running bot (local mode) whose serviceUrl calls go to a BenchConnector started with
// KeepCalls=true (bench/session-burst.sh and bench/answer-burst.sh start both).
// Check-ins (the default): each burst starts a session in a new group chat, then <people> distinct
// people press "Ik ben er" spread evenly over <spread-ms>. The first burst meets a freshly started
// bot (cold: code not yet compiled, no connections yet); later ones show the steady state. Prints
// one Markdown row per burst plus one with the turns of bursts #2 and later pooled, and exits with
// 1 when a burst did not end with everyone on the shared card.
// Answers: one session, <people> checked in and one pitch per burst; per burst the next pitch
// comes up and everyone answers it within <spread-ms>, <redeliveries> of them delivered twice.
// Prints one row per burst and one for the close and the summary; exits with 1 unless every
// burst ended with each answer stored exactly once and counted on the live card.
var options = BurstOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    // Every person has their own connection, as every Teams client reaches the bot on its own.
    MaxConnectionsPerServer = 1024,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
})
{ Timeout = TimeSpan.FromSeconds(60) };

var connector = new ConnectorLog(http, options.Connector);
return options.Scenario == BurstOptions.Answers
    ? await AnswersAsync(options, http, connector).ConfigureAwait(false)
    : await CheckInsAsync(options, http, connector).ConfigureAwait(false);

static async Task<int> CheckInsAsync(BurstOptions options, HttpClient http, ConnectorLog connector)
{
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
}

static async Task<int> AnswersAsync(BurstOptions options, HttpClient http, ConnectorLog connector)
{
    using var stored = StoredSession.Open(options);
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    var run = await new AnswerBurst(http, connector, options, stored)
        .RunAsync(result => Console.Error.WriteLine(result.Details), timeout.Token).ConfigureAwait(false);
    var peakRssMb = BotProcess.PeakRssMegabytes(options.BotPid);
    Console.WriteLine(AnswerBurstResult.TableHeader);
    foreach (var result in run.Bursts)
    {
        Console.WriteLine(result.Row(options.Label, peakRssMb));
    }

    var summary = run.Summary;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {options.Label} | close and summary | setup {run.SetupMs / 1000:F1} s | close confirm {run.CloseMs:F0} ms | " +
        $"summary files {run.SummaryFiles}/6{(run.SummaryStoredMs is { } ms ? " stored " + ms.ToString("F0", CultureInfo.InvariantCulture) + " ms after sending the confirm" : " (not all within 10 s)")} | " +
        $"{summary.Answers} answers: load records {summary.LoadMs:F0} ms, build + render (2 audiences × Markdown, HTML) first {summary.FirstBuildMs:F1} ms, warm {summary.WarmBuildMs:F1} ms | " +
        $"group summary {summary.MarkdownChars / 1024} K chars Markdown, {summary.HtmlChars / 1024} K chars HTML |"));

    var failed = run.Bursts.Where(r => !r.Passed).ToList();
    foreach (var result in failed)
    {
        await Console.Error.WriteLineAsync($"FAILED: {result.Details}").ConfigureAwait(false);
    }

    return failed.Count == 0 ? 0 : 1;
}
