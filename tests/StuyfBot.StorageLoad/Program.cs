using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Storage;
using StuyfBot.Bot.Storage.Blobs;
using StuyfBot.Bot.Storage.Files;
using StuyfBot.StorageLoad;

// Usage: StuyfBot.StorageLoad (blob <connection string> <container> | file <folder>)
//        <prefix> <worker> <creates> <updates> <writers> <go-file>
// Prints "ready", waits until <go-file> exists (so several processes start together), runs the
// load, prints the report as one JSON line. Exit code 0 when the run finished, 1 otherwise.
if (args.Length < 7)
{
    await Console.Error.WriteLineAsync("usage: (blob <connection string> <container> | file <folder>) <prefix> <worker> <creates> <updates> <writers> <go-file>");
    return 2;
}

var blob = args[0] == "blob";
IDocumentStore store = blob
    ? BlobDocumentStore.WithSharedKey(StorageConnectionString.Parse(args[1]), args[2], NullLogger<BlobDocumentStore>.Instance)
    : new FileDocumentStore(args[1]);
var rest = args[(blob ? 3 : 2)..];
var plan = new LoadPlan(rest[0], rest[1], int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(rest[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(rest[4], System.Globalization.CultureInfo.InvariantCulture));
var go = rest[5];

Console.WriteLine("ready");
var deadline = DateTime.UtcNow.AddMinutes(2);
while (!File.Exists(go))
{
    if (DateTime.UtcNow > deadline)
    {
        await Console.Error.WriteLineAsync("the go file never appeared");
        return 1;
    }

    await Task.Delay(10);
}

try
{
    var report = await LoadRun.RunAsync(store, plan, CancellationToken.None);
    Console.WriteLine(LoadRun.ToJson(report));
    return 0;
}
catch (StorageUnavailableException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
finally
{
    (store as IDisposable)?.Dispose();
}
