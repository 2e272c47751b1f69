using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.State;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>One in-memory Azurite for a test class; each test takes its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh container name, so tests in a class never see each other's blobs.</summary>
    public static string NewContainer() => "t" + Guid.NewGuid().ToString("N");

    public BlobDocumentStore NewStore(string? container = null) =>
        BlobDocumentStore.WithConnectionString(Server.ConnectionString, container ?? NewContainer(), NullLogger<BlobDocumentStore>.Instance);
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stuyfbot-tests", "storage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file: the temporary folder is cleaned by the OS later.
        }
    }
}

public static class StorageTestSupport
{
    public static StateStore State(IDocumentStore store, int maxAttempts = 10) =>
        new(store, Options.Create(new StorageOptions { MaxCommitAttempts = maxAttempts }), NullLogger<StateStore>.Instance);

    /// <summary>Every key under the prefix.</summary>
    public static async Task<List<string>> AllKeysAsync(IDocumentStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAllAsync(prefix, pageSize: 1000))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>The path of the storage load program, built with the tests (same configuration).</summary>
    public static string StorageLoadDll()
    {
        var configuration = typeof(StorageTestSupport).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = System.IO.Path.Combine(RepositoryPaths.Root, "tests", "StuyfBot.StorageLoad", "bin", configuration, "net10.0", "StuyfBot.StorageLoad.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build tests/StuyfBot.StorageLoad (the test project builds it).");
    }

    /// <summary>Starts `dotnet StuyfBot.StorageLoad.dll args` and returns the process.</summary>
    /// <summary>
    /// Starts two StorageLoad processes (workers p1 and p2), lets them go at the same moment
    /// through a go-file in <paramref name="folder"/>, and returns each one's report line.
    /// </summary>
    public static async Task<string[]> RunTwoTogetherAsync(string folder, Func<string, string[]> arguments)
    {
        var go = Path.Combine(folder, "go-" + Guid.NewGuid().ToString("N"));
        var processes = new[] { "p1", "p2" }.Select(w => StartStorageLoad([.. arguments(w), go])).ToArray();
        try
        {
            foreach (var process in processes)
            {
                var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
                if (ready != "ready")
                {
                    Assert.Fail($"The load process did not start: {ready} {await process.StandardError.ReadToEndAsync()}");
                }
            }

            await File.WriteAllTextAsync(go, "go");
            return await Task.WhenAll(processes.Select(async p =>
            {
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
                Assert.True(p.ExitCode == 0, $"The load process failed ({p.ExitCode}): {await stderr}");
                return (await stdout).Trim();
            }));
        }
        finally
        {
            foreach (var process in processes)
            {
                Stop(process);
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    public static Process StartStorageLoad(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(StorageLoadDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
