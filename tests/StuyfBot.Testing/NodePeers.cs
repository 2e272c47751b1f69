using System.Diagnostics;

namespace StuyfBot.Testing;

/// <summary>
/// The npm peers of tests/peers (Azurite, the Agents Playground, adaptivecards, the manifest
/// schemas). Installed once with `npm ci` when missing or stale; test processes running in
/// parallel take turns through a lock file.
/// </summary>
public static class NodePeers
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsCurrent())
            {
                return RepositoryPaths.NodeModules;
            }

            await using var crossProcess = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
            if (!IsCurrent())
            {
                await RunNpmCiAsync(cancellationToken).ConfigureAwait(false);
            }

            return RepositoryPaths.NodeModules;
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>The path of a file inside node_modules, failing with a clear message when it is missing.</summary>
    public static string Require(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.NodeModules, relativePath);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/peers (Node 20 and npm are required).");
    }

    private static bool IsCurrent()
    {
        var installed = Path.Combine(RepositoryPaths.NodeModules, ".package-lock.json");
        var wanted = Path.Combine(RepositoryPaths.Peers, "package-lock.json");
        return File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(wanted);
    }

    private static async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(RepositoryPaths.Peers, ".install.lock");
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = RepositoryPaths.Peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("npm was not found: install Node.js 20 with npm to run the tests that start real peers.", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"`npm ci` in tests/peers failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
            }
        }
    }
}
