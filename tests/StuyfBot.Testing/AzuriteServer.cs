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
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly AzuriteSettings _settings;
    private NodeProcess? _process;

    private AzuriteServer(AzuriteSettings settings, int port)
    {
        _settings = settings;
        Port = port;
    }

    public int Port { get; }

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
        await server.StartAsync().ConfigureAwait(false);
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

    /// <summary>Starts Azurite again on the same port (and folder, if it has one).</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(graceful: false).ConfigureAwait(false);

    private async Task StartAsync()
    {
        var main = NodePeers.Require(Path.Combine("azurite", "dist", "src", "blob", "main.js"));
        var arguments = $"\"{main}\" --blobHost 127.0.0.1 --blobPort {Port.ToString(CultureInfo.InvariantCulture)} --silent --disableTelemetry";
        arguments += _settings.Location is null ? " --inMemoryPersistence" : $" --location \"{_settings.Location}\"";
        if (_settings.Https is var (certificate, key))
        {
            arguments += $" --cert \"{certificate}\" --key \"{key}\" --oauth basic";
        }

        _process = NodeProcess.Start(arguments, RepositoryPaths.Peers);
        try
        {
            await Ports.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => $"Azurite did not start (is Node 20 installed?): {_process.Output}").ConfigureAwait(false);
        }
        catch
        {
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
            throw;
        }
    }
}
