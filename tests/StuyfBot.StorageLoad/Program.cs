using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.StorageLoad;

// Usage: StuyfBot.StorageLoad (blob <connection string> <container> | file <folder>)
//        <prefix> <worker> <creates> <updates> <writers> <go-file>
//    or: StuyfBot.StorageLoad reminders (blob <connection string> <container> | file <folder>) <worker> <go-file>
// Prints "ready", waits until <go-file> exists (so several processes start together), runs the
// load (or fires the due reminders), prints the report as one JSON line. Exit code 0 when the
// run finished, 1 otherwise.
var reminders = args.Length > 0 && args[0] == "reminders";
if (reminders)
{
    args = args[1..];
}

if (args.Length < (reminders ? 4 : 7))
{
    await Console.Error.WriteLineAsync("usage: [reminders] (blob <connection string> <container> | file <folder>) (<worker> <go-file> | <prefix> <worker> <creates> <updates> <writers> <go-file>)");
    return 2;
}

var blob = args[0] == "blob";
IDocumentStore store = blob
    ? BlobDocumentStore.WithConnectionString(args[1], args[2], NullLogger<BlobDocumentStore>.Instance)
    : new FileDocumentStore(args[1]);
var rest = args[(blob ? 3 : 2)..];
if (reminders)
{
    return await RunReminders(store, rest[0], rest[1]);
}

var plan = new LoadPlan(rest[0], rest[1], int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(rest[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(rest[4], System.Globalization.CultureInfo.InvariantCulture));
var go = rest[5];

Console.WriteLine("ready");
if (!await WaitForGo(go))
{
    return 1;
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

static async Task<int> RunReminders(IDocumentStore store, string worker, string go)
{
    Console.WriteLine("ready");
    if (!await WaitForGo(go))
    {
        return 1;
    }

    try
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Console.WriteLine(ReminderLoad.ToJson(await ReminderLoad.RunAsync(store, worker, timeout.Token)));
        return 0;
    }
    catch (Exception ex) when (ex is StorageUnavailableException or OperationCanceledException)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }
    finally
    {
        (store as IDisposable)?.Dispose();
    }
}

static async Task<bool> WaitForGo(string go)
{
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (!File.Exists(go))
    {
        if (DateTime.UtcNow > deadline)
        {
            await Console.Error.WriteLineAsync("the go file never appeared");
            return false;
        }

        await Task.Delay(10);
    }

    return true;
}
