using System.Diagnostics;

namespace StuyfBot.Testing;

/// <summary>
/// The npm packages the tests need: the peers of tests/peers (Azurite, the Agents Playground,
/// adaptivecards, the manifest schemas) and any other folder with a package-lock.json (such as
/// manifest/). Installed once with `npm ci` when missing or stale; test processes running in
/// parallel take turns through a lock file in the folder.
/// </summary>
public static class NodePeers
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>Installs tests/peers; returns its node_modules folder.</summary>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default) =>
        EnsureInstalledAsync(RepositoryPaths.Peers, cancellationToken);

    /// <summary>Installs the npm packages of <paramref name="folder"/> (which holds a package-lock.json); returns its node_modules folder.</summary>
    public static async Task<string> EnsureInstalledAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var nodeModules = Path.Combine(folder, "node_modules");
        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsCurrent(folder))
            {
                return nodeModules;
            }

            await using var crossProcess = await AcquireLockAsync(folder, cancellationToken).ConfigureAwait(false);
            if (!IsCurrent(folder))
            {
                await RunNpmCiAsync(folder, cancellationToken).ConfigureAwait(false);
            }

            return nodeModules;
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

    private static bool IsCurrent(string folder)
    {
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        var wanted = Path.Combine(folder, "package-lock.json");
        if (!File.Exists(wanted))
        {
            throw new InvalidOperationException($"{wanted} is missing: the npm packages of {folder} cannot be installed with `npm ci`.");
        }

        return File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(wanted);
    }

    private static async Task<FileStream> AcquireLockAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ".install.lock");
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

    private static async Task RunNpmCiAsync(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = folder,
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
                throw new InvalidOperationException($"`npm ci` in {Path.GetRelativePath(RepositoryPaths.Root, folder)} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
            }
        }
    }
}
