using System.Net;
using Microsoft.Extensions.Options;
using StuyfBot.Bot.Apps;

namespace StuyfBot.Bot.Hosting;

/// <summary>Builds the web host: configuration, services, and the endpoints.</summary>
public static partial class BotHost
{
    public const string DefaultUrl = "http://127.0.0.1:3978";

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

        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<BotOptions>>().Value;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StuyfBot");
        if (!options.AuthenticationEnabled)
        {
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
