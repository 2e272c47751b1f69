using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Testing;

// Usage: dotnet run -c Release --project bench/StorageBench [-- <ops per measure> <throughput writes> <writers>]
// Measures, for Azurite 3.35.0 (in memory, started here on loopback) and the file store (a
// temporary folder): the latency of read, create-only and conditional replace of a 1 KB JSON
// document, one at a time, the bytes the process allocates and the CPU time it spends per
// operation, and the throughput of create-only writes from concurrent writers.
var ops = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var throughputWrites = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
var document = Document(1024);

Console.WriteLine($"StorageBench: {ops} operations per latency measure, {throughputWrites} create-only writes by {writers} writers, {document.Length} B documents");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine();
Console.WriteLine("| store | read p50 | read p99 | create p50 | create p99 | replace p50 | replace p99 | create-only throughput | allocated per read / create / replace | CPU per read / create / replace |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");

await using (var azurite = await AzuriteServer.StartAsync())
{
    var blob = BlobDocumentStore.WithConnectionString(azurite.ConnectionString, "bench", NullLogger<BlobDocumentStore>.Instance);
    await blob.EnsureReadyAsync(default);
    Console.WriteLine(await MeasureAsync("Azurite (in memory, HTTP loopback)", blob));
}

var folder = Path.Combine(Path.GetTempPath(), "stuyfbot-bench-" + Guid.NewGuid().ToString("N"));
try
{
    using var files = new FileDocumentStore(folder);
    await files.EnsureReadyAsync(default);
    Console.WriteLine(await MeasureAsync("file store (temporary folder, fsync per write)", files));
}
finally
{
    Directory.Delete(folder, recursive: true);
}

return 0;

async Task<string> MeasureAsync(string name, IDocumentStore store)
{
    // Warm up connections, JIT and the file system cache.
    for (var i = 0; i < 200; i++)
    {
        var warm = await store.CreateAsync($"warm/{i}.json", document, default);
        await store.ReadAsync($"warm/{i}.json", default);
        await store.ReplaceAsync($"warm/{i}.json", document, warm.ETag!, default);
    }

    var etags = new string[ops];
    var (create, createBytes, createCpu) = await TimeEachAsync(ops, async i => etags[i] = Written(await store.CreateAsync($"latency/{i:D6}.json", document, default)));
    var (read, readBytes, readCpu) = await TimeEachAsync(ops, async i => _ = await store.ReadAsync($"latency/{i:D6}.json", default) ?? throw new InvalidOperationException("missing"));
    var (replace, replaceBytes, replaceCpu) = await TimeEachAsync(ops, async i => etags[i] = Written(await store.ReplaceAsync($"latency/{i:D6}.json", document, etags[i], default)));

    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) is var n && n < throughputWrites)
        {
            Written(await store.CreateAsync($"throughput/{n:D7}.json", document, default));
        }
    })));
    var perSecond = throughputWrites / clock.Elapsed.TotalSeconds;

    return string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Ms(read, 0.50)} | {Ms(read, 0.99)} | {Ms(create, 0.50)} | {Ms(create, 0.99)} | {Ms(replace, 0.50)} | {Ms(replace, 0.99)} | {perSecond:0} writes/s | {Kb(readBytes)} / {Kb(createBytes)} / {Kb(replaceBytes)} | {Us(readCpu)} / {Us(createCpu)} / {Us(replaceCpu)} |");
}

// Times each operation; allocation and CPU time are the whole process's (the client's own threads
// included) over the run, divided by the operations, which one at a time is what one costs.
static async Task<(double[] Sorted, double BytesPerOperation, TimeSpan CpuPerOperation)> TimeEachAsync(int count, Func<int, Task> operation)
{
    var times = new double[count];
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var cpuBefore = Environment.CpuUsage.TotalTime;
    for (var i = 0; i < count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await operation(i);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    var bytesPerOperation = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)count;
    var cpuPerOperation = (Environment.CpuUsage.TotalTime - cpuBefore) / count;
    Array.Sort(times);
    return (times, bytesPerOperation, cpuPerOperation);
}

static string Written(WriteResult result) =>
    result.IsWritten ? result.ETag! : throw new InvalidOperationException("A benchmark write conflicted.");

static string Us(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMicroseconds:0} µs");

static string Kb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KB");

static string Ms(double[] sorted, double quantile) =>
    string.Create(CultureInfo.InvariantCulture, $"{sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)]:0.00} ms");

static byte[] Document(int size)
{
    var text = new StringBuilder("""{"schemaVersion":1,"kind":"bench","data":{"notes":[""");
    while (text.Length < size - 40)
    {
        text.Append("\"een tip over de volgende stap\",");
    }

    text.Length--;
    text.Append("]}}");
    return Encoding.UTF8.GetBytes(text.ToString());
}
