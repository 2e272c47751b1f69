using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.StorageLoad;

/// <summary>What one load run is asked to do.</summary>
public sealed record LoadPlan(string Prefix, string Worker, int Creates, int Updates, int Writers);

/// <summary>What one load run saw. Every create and every update attempt is counted exactly once.</summary>
public sealed record LoadReport(string Worker, IReadOnlyList<int> Created, int CreateConflicts, int Updates, int UpdateConflicts);

/// <summary>The counter every worker increments: its value and the id of each increment.</summary>
public sealed record Counter(int Value, IReadOnlyList<string> Ids);

/// <summary>One created item: who created it.</summary>
public sealed record Item(string Worker, int Index);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Counter))]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(LoadReport))]
public sealed partial class LoadJsonContext : JsonSerializerContext;

/// <summary>
/// A storage load: every item key created create-only (racing with other workers on the same
/// keys), and a shared counter incremented through the load-decide-commit helper. Several tasks
/// in this process, and possibly other processes, do it at once.
/// </summary>
public static class LoadRun
{
    public static DocumentKind<Counter> CounterKind { get; } = new("load-counter", 1, LoadJsonContext.Default.Counter);

    public static DocumentKind<Item> ItemKind { get; } = new("load-item", 1, LoadJsonContext.Default.Item);

    public static string ItemKey(string prefix, int index) => $"{prefix}/items/{index:D5}.json";

    public static string CounterKey(string prefix) => $"{prefix}/counter.json";

    public static async Task<LoadReport> RunAsync(IDocumentStore store, LoadPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        var state = new StateStore(store, Options.Create(new StorageOptions { MaxCommitAttempts = 1000 }), NullLogger<StateStore>.Instance);

        // Each worker goes through the keys in its own order, so races happen everywhere.
        var order = Enumerable.Range(0, plan.Creates).ToArray();
        new Random(plan.Worker.GetHashCode(StringComparison.Ordinal)).Shuffle(order);
        var created = new ConcurrentBag<int>();
        var createConflicts = 0;
        var updateConflicts = 0;
        var next = -1;
        var updates = -1;

        async Task WriterAsync()
        {
            while (Interlocked.Increment(ref next) is var n && n < order.Length)
            {
                var index = order[n];
                var result = await store.CreateAsync(ItemKey(plan.Prefix, index), ItemKind.Serialize(new Item(plan.Worker, index)), cancellationToken).ConfigureAwait(false);
                if (result.IsWritten)
                {
                    created.Add(index);
                }
                else
                {
                    Interlocked.Increment(ref createConflicts);
                }
            }

            while (Interlocked.Increment(ref updates) is var u && u < plan.Updates)
            {
                var id = $"{plan.Worker}-{u}";
                var committed = await state.UpdateAsync(
                    CounterKey(plan.Prefix),
                    CounterKind,
                    counter => (counter is null ? new Counter(1, [id]) : new Counter(counter.Value + 1, [.. counter.Ids, id]), true),
                    cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref updateConflicts, committed.Attempts - 1);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Writers).Select(_ => Task.Run(WriterAsync, cancellationToken))).ConfigureAwait(false);
        return new LoadReport(plan.Worker, [.. created.Order()], createConflicts, plan.Updates, updateConflicts);
    }

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, LoadJsonContext.Default.LoadReport);

    public static LoadReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, LoadJsonContext.Default.LoadReport) ?? throw new InvalidDataException("No report.");

    public static Item ReadItem(string key, ReadOnlyMemory<byte> content) => ItemKind.Deserialize(key, content);

    public static string Describe(LoadReport report) =>
        new StringBuilder().Append(report.Worker).Append(": created ").Append(report.Created.Count)
            .Append(", create conflicts ").Append(report.CreateConflicts)
            .Append(", updates ").Append(report.Updates)
            .Append(", update conflicts ").Append(report.UpdateConflicts).ToString();
}
