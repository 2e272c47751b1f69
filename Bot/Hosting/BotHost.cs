using System.Net;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Bot.Hosting;

/// <summary>Builds the web host: configuration, services, and the endpoints.</summary>
public static partial class BotHost
{
    public const string DefaultUrl = "http://127.0.0.1:3978";

    /// <summary>The key ASP.NET Core reads ASPNETCORE_FORWARDEDHEADERS_ENABLED into.</summary>
    private const string ForwardedHeadersSetting = "FORWARDEDHEADERS_ENABLED";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddStuyfBot(builder.Configuration);
        configure?.Invoke(builder);

        var local = !builder.Configuration.GetSection(BotOptions.Section).Get<BotOptions>()?.AuthenticationEnabled ?? true;
        if (local)
        {
            // A forwarded-for header could make a remote caller look local: the bot has no proxy
            // to believe in local mode (ASPNETCORE_FORWARDEDHEADERS_ENABLED would turn them on).
            builder.Configuration.AddInMemoryCollection([new(ForwardedHeadersSetting, "false")]);
        }

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<BotOptions>>().Value;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StuyfBot");
        if (!options.AuthenticationEnabled)
        {
            LocalAddresses.EnsureLoopback(app.Configuration);
            LogNoAuthentication(log);
            app.Use(LoopbackOnly);
        }

        app.Services.GetRequiredService<App>();
        var endpoint = app.Services.GetRequiredService<MessagesEndpoint>();
        app.MapPost("/api/messages", endpoint.HandleAsync);
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }

    /// <summary>Without authentication the bot answers only to this machine.</summary>
    private static Task LoopbackOnly(HttpContext http, Func<Task> next)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot:AppId is empty: running WITHOUT AUTHENTICATION, answering loopback requests only. Set Bot:AppId, Bot:TenantId and a credential before exposing this bot.")]
    private static partial void LogNoAuthentication(ILogger log);
}
