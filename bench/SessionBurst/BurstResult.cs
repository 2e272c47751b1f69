using System.Globalization;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>What one burst measured.</summary>
/// <param name="Kind">Which burst of this bot process (#1 meets a freshly started bot), or a pooled row.</param>
/// <param name="LatenciesMs">Each turn's latency (request sent to answer read), sorted.</param>
/// <param name="Errors">The turns that did not get their own card showing them present.</param>
/// <param name="LastSentMs">When the last press was sent, after the first.</param>
/// <param name="CardUpdates">PUTs of the shared card that reached the connector.</param>
/// <param name="MaxUpdatesIn1S">The most card updates in any 1 s window (Teams allows 7).</param>
/// <param name="MaxUpdatesIn2S">The most in any 2 s window (Teams allows 8).</param>
/// <param name="MaxUpdatesIn30S">The most in any 30 s window (Teams allows 60).</param>
/// <param name="OtherPosts">Messages the bot posted in the chat during the burst (none expected).</param>
/// <param name="CardCompleteAfterMs">From the last answer to the first card update showing everyone.</param>
/// <param name="OnCard">People present on the last card update.</param>
/// <param name="Expected">People who should be there: everyone who pressed, and the moderator.</param>
/// <param name="EveryoneOnCard">The last card update shows exactly the expected people.</param>
/// <param name="BotCpuMs">CPU time the bot used for the burst (start, presses, card updates).</param>
public sealed record BurstResult(
    string Kind,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyList<string> Errors,
    double LastSentMs,
    int CardUpdates,
    int MaxUpdatesIn1S,
    int MaxUpdatesIn2S,
    int MaxUpdatesIn30S,
    int OtherPosts,
    double? CardCompleteAfterMs,
    int OnCard,
    int Expected,
    bool EveryoneOnCard,
    long BotCpuMs)
{
    public const string TableHeader =
        "| store | burst | turns | p50 | p95 | p99 | max | errors | card PUTs | max PUTs in 1 s / 2 s / 30 s | card complete after last answer | on last card | bot CPU | bot peak RSS |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Details => string.Create(CultureInfo.InvariantCulture,
        $"burst {Kind}: {LatenciesMs.Count} presses sent within {LastSentMs:F0} ms; p50 {P(50):F1} ms, p99 {P(99):F1} ms; {Errors.Count} errors{(Errors.Count > 0 ? " (" + Errors[0] + ")" : string.Empty)}; " +
        $"{CardUpdates} card updates; {OtherPosts} other posts; {OnCard}/{Expected} on the last card; bot CPU {BotCpuMs} ms");

    /// <summary>Bursts together: latency percentiles over all their turns, the other columns the worst burst's.</summary>
    public static BurstResult Pooled(string kind, IReadOnlyList<BurstResult> bursts)
    {
        ArgumentNullException.ThrowIfNull(bursts);
        return new BurstResult(
            kind,
            [.. bursts.SelectMany(b => b.LatenciesMs).Order()],
            [.. bursts.SelectMany(b => b.Errors)],
            bursts.Max(b => b.LastSentMs),
            bursts.Max(b => b.CardUpdates),
            bursts.Max(b => b.MaxUpdatesIn1S),
            bursts.Max(b => b.MaxUpdatesIn2S),
            bursts.Max(b => b.MaxUpdatesIn30S),
            bursts.Max(b => b.OtherPosts),
            bursts.Any(b => b.CardCompleteAfterMs is null) ? null : bursts.Max(b => b.CardCompleteAfterMs),
            bursts.Min(b => b.OnCard),
            bursts.Max(b => b.Expected),
            bursts.All(b => b.EveryoneOnCard),
            bursts.Max(b => b.BotCpuMs));
    }

    public string Row(string store, int? peakRssMb) => string.Create(CultureInfo.InvariantCulture,
        $"| {store} | {Kind} | {LatenciesMs.Count} | {P(50):F1} ms | {P(95):F1} ms | {P(99):F1} ms | {LatenciesMs[^1]:F1} ms | {Errors.Count} | " +
        $"{CardUpdates} | {MaxUpdatesIn1S} / {MaxUpdatesIn2S} / {MaxUpdatesIn30S} | " +
        $"{(CardCompleteAfterMs is { } after ? after.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "never")} | " +
        $"{OnCard}/{Expected}{(EveryoneOnCard ? " ✓" : " ✗")} | {BotCpuMs} ms | {(peakRssMb is { } mb ? mb + " MB" : "-")} |");

    private double P(double percent) => Figures.Percentile(LatenciesMs, percent);
}
