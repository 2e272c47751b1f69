using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Hosting;

namespace StuyfBot.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot host on a free loopback port, configured like production through configuration
/// keys (Bot:AppId, Storage:DataPath, ...). Restartable with the same settings, on the same
/// address: a client that knows the bot's endpoint (the Agents Playground) keeps reaching it.
/// </summary>
public sealed class BotServer : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;
    private string _urls = "http://127.0.0.1:0";

    private BotServer(Dictionary<string, string?> settings, Action<WebApplicationBuilder>? configure)
    {
        _settings = settings;
        _configure = configure;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Starts the bot. A fresh temporary data folder is used unless Storage:* is given.</summary>
    public static async Task<BotServer> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N")),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = new BotServer(all, configure);
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    /// <summary>Posts an activity (JSON) to /api/messages, optionally with a bearer token.</summary>
    public Task<HttpResponseMessage> PostActivityAsync(JsonNode activity, string? bearer = null) =>
        PostRawAsync(activity.ToJsonString(), bearer);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Client.SendAsync(request).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StartAsync()
    {
        _app = BotHost.Build(["--urls", _urls], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            _configure?.Invoke(builder);
        });
        await _app.StartAsync().ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _urls = address;
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    private async Task StopAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }
}
