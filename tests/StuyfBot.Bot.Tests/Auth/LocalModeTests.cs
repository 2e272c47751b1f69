using System.Net;
using System.Text;
using StuyfBot.Bot.Hosting;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>
/// Without an app id the bot authenticates nobody, so it must be reachable from this machine
/// only, and only by a program that means to talk to it (not by a web page's form post).
/// </summary>
public sealed class LocalModeTests : IAsyncLifetime
{
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://stuyfbot.example:0")]
    [InlineData("http://127.0.0.1:0;http://0.0.0.0:0")]
    public void Local_mode_refuses_to_listen_beyond_loopback_naming_the_setting(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BotHost.Build(["--urls", urls]));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.Contains("--urls or ASPNETCORE_URLS", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:AppId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_mode_refuses_a_kestrel_endpoint_beyond_loopback()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BotHost.Build(["--urls", "http://127.0.0.1:0", "--Kestrel:Endpoints:Public:Url", "http://0.0.0.0:0"]));

        Assert.Contains("Kestrel:Endpoints:Public:Url", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://localhost:{0}")]
    [InlineData("http://[::1]:{0}")]
    public async Task Local_mode_listens_on_loopback(string urls)
    {
        await using var app = BotHost.Build(["--urls", string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, Ports.Free()), "--Storage:DataPath", Path.Combine(Path.GetTempPath(), "stuyfbot-tests", Guid.NewGuid().ToString("N"))]);
        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task Local_mode_ignores_forwarded_headers_even_when_the_environment_turns_them_on()
    {
        await using var bot = await BotServer.StartAsync(new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(Activities.Message(_connector.ServiceUrl, "hallo").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await bot.Client.SendAsync(request);

        // Believed, the header would make this loopback request look remote, and be refused.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task An_activity_that_is_not_sent_as_json_is_refused_with_415(string? contentType)
    {
        await using var bot = await BotServer.StartAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Activities.Message(_connector.ServiceUrl, "hallo").ToJsonString()));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await bot.Client.PostAsync("api/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/activity+json")]
    public async Task An_activity_sent_as_json_is_taken(string contentType)
    {
        await using var bot = await BotServer.StartAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Activities.Message(_connector.ServiceUrl, "hallo").ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await bot.Client.PostAsync("api/messages", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Local_mode_refuses_an_activity_whose_service_url_is_neither_loopback_nor_a_connector()
    {
        await using var bot = await BotServer.StartAsync();

        using var response = await bot.PostActivityAsync(Activities.Message(new Uri("https://attacker.example/"), "hallo"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
