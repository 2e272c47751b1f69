using System.Globalization;

namespace StuyfBot.Testing;

/// <summary>How to run Azurite: in memory (default) or in a folder, plain HTTP or HTTPS with OAuth.</summary>
public sealed record AzuriteSettings
{
    /// <summary>A folder to persist blobs in (survives a restart); null keeps everything in memory.</summary>
    public string? Location { get; init; }

    /// <summary>PEM certificate and key: Azurite serves HTTPS and accepts bearer tokens (OAuth "basic").</summary>
    public (string CertificatePath, string KeyPath)? Https { get; init; }
}

/// <summary>
/// Azurite's blob service (npm azurite 3.35.0 from tests/peers) on a free loopback port, started
/// and stopped by process id; restartable on the same port so clients can reconnect.
/// A port that was free when picked can be taken before Azurite binds it (by another test run,
/// or by any server or client on this machine given a port by the system): Azurite then exits
/// with EADDRINUSE while the other listener answers. So a start counts only once Azurite itself
/// says it listens, and a clash is retried on another port.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>What Azurite prints once it listens (dist/src/blob/main.js).</summary>
    private const string ListeningLine = "Azurite Blob service successfully listens on";

    /// <summary>Starts tried before giving up when the port keeps being taken.</summary>
    private const int StartAttempts = 5;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly AzuriteSettings _settings;
    private NodeProcess? _process;

    private AzuriteServer(AzuriteSettings settings, int port)
    {
        _settings = settings;
        Port = port;
    }

    public int Port { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The account's blob endpoint (path-style, as Azurite serves it).</summary>
    public Uri BlobEndpoint => new($"{(_settings.Https is null ? "http" : "https")}://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");

    /// <summary>A connection string with the well-known development key and this server's endpoint.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={BlobEndpoint.Scheme};AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>What Azurite printed, for failure messages.</summary>
    public string Output => _process?.Output ?? string.Empty;

    public static async Task<AzuriteServer> StartAsync(AzuriteSettings? settings = null)
    {
        await NodePeers.EnsureInstalledAsync().ConfigureAwait(false);
        var server = new AzuriteServer(settings ?? new AzuriteSettings(), Ports.Free());
        for (var attempt = 1; !await server.TryStartAsync(lastAttempt: attempt == StartAttempts).ConfigureAwait(false); attempt++)
        {
            // Nobody holds the endpoint yet: another port will do.
            server.Port = Ports.Free();
        }

        return server;
    }

    /// <summary>Stops Azurite: gracefully (SIGTERM, it saves its database) or killed outright.</summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (_process is null)
        {
            return;
        }

        if (graceful)
        {
            await _process.TerminateAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }

        await _process.DisposeAsync().ConfigureAwait(false);
        _process = null;
    }

    /// <summary>
    /// Starts Azurite again on the same port (and folder, if it has one). Clients hold this
    /// endpoint, so a port taken meanwhile is waited for a little, then reported.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        for (var attempt = 1; !await TryStartAsync(lastAttempt: attempt == StartAttempts).ConfigureAwait(false); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(graceful: false).ConfigureAwait(false);

    /// <summary>Starts Azurite on <see cref="Port"/>; false when the port was taken (unless this is the last attempt: then it throws).</summary>
    private async Task<bool> TryStartAsync(bool lastAttempt)
    {
        var main = NodePeers.Require(Path.Combine("azurite", "dist", "src", "blob", "main.js"));
        var arguments = $"\"{main}\" --blobHost 127.0.0.1 --blobPort {Port.ToString(CultureInfo.InvariantCulture)} --silent --disableTelemetry";
        arguments += _settings.Location is null ? " --inMemoryPersistence" : $" --location \"{_settings.Location}\"";
        if (_settings.Https is var (certificate, key))
        {
            arguments += $" --cert \"{certificate}\" --key \"{key}\" --oauth basic";
        }

        var process = NodeProcess.Start(arguments, RepositoryPaths.Peers);
        bool listening;
        try
        {
            listening = await WaitUntilListeningAsync(process, lastAttempt).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (!listening)
        {
            await process.DisposeAsync().ConfigureAwait(false);
            return false;
        }

        _process = process;
        return true;
    }

    /// <summary>
    /// Waits for Azurite's own word that it listens; false when it exited because the port was
    /// taken. Something accepting connections on the port is not enough: that may be whoever took
    /// the port, while this Azurite exited.
    /// </summary>
    private async Task<bool> WaitUntilListeningAsync(NodeProcess process, bool lastAttempt)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!process.Output.Contains(ListeningLine, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                // Let the last lines of output arrive before reading why.
                for (var i = 0; i < 20 && !process.Output.Contains("Exit due to", StringComparison.Ordinal); i++)
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }

                var output = process.Output;
                if (!output.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Azurite exited while starting (is Node 20 installed?): {output}");
                }

                return lastAttempt
                    ? throw new InvalidOperationException($"Azurite could not listen on 127.0.0.1:{Port}: something else took the port, {StartAttempts} times. {output}")
                    : false;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Azurite did not say it listens on 127.0.0.1:{Port} within {StartTimeout}: {process.Output}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }
}
