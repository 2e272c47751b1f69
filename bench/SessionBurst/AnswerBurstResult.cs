using System.Globalization;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>What one answer burst measured.</summary>
/// <param name="Kind">Which burst (#1: the first answers this bot process handles).</param>
/// <param name="People">Participants who answered, each once.</param>
/// <param name="LatenciesMs">Each original answer's latency (request sent to answer read), sorted.</param>
/// <param name="RedeliveryLatenciesMs">Each redelivery's latency, sorted.</param>
/// <param name="Errors">Answers and redeliveries that did not get the expected card.</param>
/// <param name="LastOriginalSentMs">When the last original answer was sent, after the first.</param>
/// <param name="LastSentMs">When the last request (original or redelivery) was sent.</param>
/// <param name="CardUpdates">PUTs of the live card that reached the connector, from "next pitch" until the chat was quiet.</param>
/// <param name="Posts">Messages the bot posted in the chat in that time (the pitch coming up with its answer card).</param>
/// <param name="MaxCallsIn1S">The most calls (PUTs and POSTs) to the conversation in any 1 s window (Teams allows 7).</param>
/// <param name="MaxCallsIn2S">In any 2 s window (Teams allows 8).</param>
/// <param name="MaxCallsIn30S">In any 30 s window (Teams allows 60).</param>
/// <param name="CardCompleteAfterMs">From the last original answer read to the first live card update counting every answer (negative: before it).</param>
/// <param name="LastCardCountsAll">The last live card update counts every answer, by kind.</param>
/// <param name="Stored">The answers to the pitch in storage.</param>
/// <param name="BotCpuMs">CPU time the bot used for the burst (next pitch, answers, card updates, until the chat was quiet).</param>
/// <param name="StoreCpuMs">CPU time Azurite used in that time (0 without its process id).</param>
public sealed record AnswerBurstResult(
    string Kind,
    int People,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyList<double> RedeliveryLatenciesMs,
    IReadOnlyList<string> Errors,
    double LastOriginalSentMs,
    double LastSentMs,
    int CardUpdates,
    int Posts,
    int MaxCallsIn1S,
    int MaxCallsIn2S,
    int MaxCallsIn30S,
    double? CardCompleteAfterMs,
    bool LastCardCountsAll,
    StoredAnswers Stored,
    long BotCpuMs,
    long StoreCpuMs)
{
    public const string TableHeader =
        "| store | burst | answers + redeliveries | all sent within | p50 | p95 | p99 | max | redelivery max | errors | stored | card PUTs / POSTs | max calls in 1 s / 2 s / 30 s | card complete after last answer | bot CPU | Azurite CPU | bot peak RSS |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>Every answer stored once, and no other; the last card counts them all; every turn answered well.</summary>
    public bool Passed => Stored.Recorded == People && Stored.Twice == 0 && Stored.Strangers == 0 && Stored.Stored == People
        && LastCardCountsAll && Errors.Count == 0;

    public string Details => string.Create(CultureInfo.InvariantCulture,
        $"burst {Kind}: {LatenciesMs.Count} answers + {RedeliveryLatenciesMs.Count} redeliveries sent within {LastSentMs:F0} ms; p50 {P(50):F1} ms, p99 {P(99):F1} ms; " +
        $"{Errors.Count} errors{(Errors.Count > 0 ? " (" + Errors[0] + ")" : string.Empty)}; stored {Stored.Recorded}/{People} (twice: {Stored.Twice}, others: {Stored.Strangers}); " +
        $"{CardUpdates} card updates, {Posts} posts; bot CPU {BotCpuMs} ms, Azurite CPU {StoreCpuMs} ms");

    public string Row(string store, int? peakRssMb) => string.Create(CultureInfo.InvariantCulture,
        $"| {store} | {Kind} | {LatenciesMs.Count} + {RedeliveryLatenciesMs.Count} | {LastSentMs:F0} ms | {P(50):F1} ms | {P(95):F1} ms | {P(99):F1} ms | {LatenciesMs[^1]:F1} ms | " +
        $"{(RedeliveryLatenciesMs.Count > 0 ? RedeliveryLatenciesMs[^1].ToString("F1", CultureInfo.InvariantCulture) + " ms" : "-")} | {Errors.Count} | " +
        $"{Stored.Recorded}/{People}, {Stored.Twice} twice{(Stored.Strangers > 0 ? $", {Stored.Strangers} others" : string.Empty)}{(Passed ? " ✓" : " ✗")} | " +
        $"{CardUpdates} / {Posts} | {MaxCallsIn1S} / {MaxCallsIn2S} / {MaxCallsIn30S} | " +
        $"{(CardCompleteAfterMs is { } after ? after.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "never")} | " +
        $"{BotCpuMs} ms | {(StoreCpuMs > 0 ? StoreCpuMs + " ms" : "-")} | {(peakRssMb is { } mb ? mb + " MB" : "-")} |");

    private double P(double percent) => Figures.Percentile(LatenciesMs, percent);
}
