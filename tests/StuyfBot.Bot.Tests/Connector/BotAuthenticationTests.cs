using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Hosting;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Connector;

/// <summary>
/// The bot's outbound identity: the bearer token on connector calls (Entra cannot run here, so
/// the TokenCredential is a mock), local mode without one, and startup checks of the settings.
/// </summary>
public sealed class BotAuthenticationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Bot:AppId"] = "00000000-0000-0000-0000-00000000b07a",
        ["Bot:TenantId"] = "tenant-1",
        ["Bot:ClientSecret"] = "not-used-the-credential-is-mocked",
        ["Bot:Connector:TrustLoopbackServiceUrl"] = "true",
    };

    private LoopbackConnector _connector = null!;

    private string ServiceUrl => _connector.ServiceUrl.ToString();

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Configured_calls_carry_the_bearer_token_fetched_once_for_the_bot_framework_scope()
    {
        var credential = Credential(("token-1", TimeSpan.FromHours(1)));
        await using var host = ConnectorHost.Start(Configured, services =>
            services.AddSingleton(new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System)));

        await host.Client.SendAsync(ServiceUrl, "a:1", Message("een"), CancellationToken.None);
        await host.Client.UpdateAsync(ServiceUrl, "a:1", "act-1", Message("twee"), CancellationToken.None);
        await host.Client.GetPagedMembersAsync(ServiceUrl, "a:1", null, null, CancellationToken.None);
        await host.Client.DeleteAsync(ServiceUrl, "a:1", "act-1", CancellationToken.None);

        Assert.Equal(4, _connector.Calls.Count);
        Assert.All(_connector.Calls, c => Assert.Equal("Bearer token-1", c.Authorization));
        credential.Verify(
            c => c.GetTokenAsync(
                It.Is<TokenRequestContext>(r => r.Scopes.SequenceEqual(new[] { "https://api.botframework.com/.default" }) && r.TenantId == "tenant-1"),
                It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task Every_retry_carries_the_token_too()
    {
        var credential = Credential(("token-1", TimeSpan.FromHours(1)));
        await using var host = ConnectorHost.Start(Configured, services =>
            services.AddSingleton(new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System)));
        _connector.FailNext(502);

        await host.Client.UpdateAsync(ServiceUrl, "a:1", "act-1", Message("kaart"), CancellationToken.None);

        Assert.Equal(2, _connector.Calls.Count);
        Assert.All(_connector.Calls, c => Assert.Equal("Bearer token-1", c.Authorization));
    }

    [Fact]
    public async Task Local_mode_sends_no_authorization_and_builds_no_credential()
    {
        await using var host = ConnectorHost.Start();

        await host.Client.SendAsync(ServiceUrl, "a:1", Message("lokaal"), CancellationToken.None);

        Assert.Equal(string.Empty, Assert.Single(_connector.Calls).Authorization);
        Assert.False(host.Services.GetRequiredService<BotTokenProvider>().IsEnabled);
        Assert.Null(BotCredentials.Create(new BotOptions()));
    }

    [Fact]
    public async Task The_real_bot_replies_without_authorization_in_local_mode()
    {
        await using var bot = await BotServer.StartAsync();

        using var response = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo"));

        var call = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal(string.Empty, call.Authorization);
    }

    [Fact]
    public async Task The_token_is_kept_until_five_minutes_before_it_expires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var credential = Credential(time, ("token-1", TimeSpan.FromMinutes(60)), ("token-2", TimeSpan.FromMinutes(60)));
        using var tokens = new BotTokenProvider(credential.Object, "tenant-1", time);

        Assert.Equal("token-1", await tokens.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("token-1", await tokens.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await tokens.GetTokenAsync(CancellationToken.None));
        credential.Verify(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var credential = new Mock<TokenCredential>(MockBehavior.Strict);
        var release = new TaskCompletionSource<AccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .Returns(() => new ValueTask<AccessToken>(release.Task));
        using var tokens = new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System);

        var callers = Enumerable.Range(0, 50).Select(_ => tokens.GetTokenAsync(CancellationToken.None).AsTask()).ToList();
        release.SetResult(new AccessToken("shared", DateTimeOffset.UtcNow.AddHours(1)));

        Assert.All(await Task.WhenAll(callers), t => Assert.Equal("shared", t));
        credential.Verify(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_using_a_token_that_is_still_valid_and_fails_once_it_is_not()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var credential = new Mock<TokenCredential>(MockBehavior.Strict);
        credential.SetupSequence(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("token-1", time.GetUtcNow().AddMinutes(60)))
            .ThrowsAsync(new AuthenticationFailedException("Entra is unreachable"))
            .ThrowsAsync(new AuthenticationFailedException("Entra is unreachable"));
        using var tokens = new BotTokenProvider(credential.Object, "tenant-1", time);

        await tokens.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(57));
        Assert.Equal("token-1", await tokens.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(3));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => tokens.GetTokenAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_credential_failure_is_a_connector_exception_and_nothing_is_sent()
    {
        var credential = new Mock<TokenCredential>(MockBehavior.Strict);
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided."));
        await using var host = ConnectorHost.Start(Configured, services =>
            services.AddSingleton(new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync(ServiceUrl, "a:1", Message("x"), CancellationToken.None));

        Assert.IsType<AuthenticationFailedException>(error.InnerException);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task The_token_never_goes_over_plain_http_to_another_machine()
    {
        var credential = Credential(("token-1", TimeSpan.FromHours(1)));
        await using var host = ConnectorHost.Start(Configured, services =>
            services.AddSingleton(new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync("http://connector.example.invalid/", "a:1", Message("x"), CancellationToken.None));

        Assert.Contains("HTTPS", error.Message, StringComparison.Ordinal);
        credential.Verify(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_token_never_goes_to_a_service_url_outside_the_trusted_hosts()
    {
        var credential = Credential(("token-1", TimeSpan.FromHours(1)));
        await using var host = ConnectorHost.Start(Configured, services =>
            services.AddSingleton(new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync("https://attacker.example.invalid/", "a:1", Message("x"), CancellationToken.None));

        Assert.Contains("TrustedServiceUrlHosts", error.Message, StringComparison.Ordinal);
        credential.Verify(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://[::1]:3978/", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("http://10.0.0.4/", false)]
    public void Only_https_or_loopback_may_carry_the_token(string url, bool allowed) =>
        Assert.Equal(allowed, ServiceUrlPolicy.IsHttpsOrLoopback(new Uri(url)));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://SMBA.trafficmanager.net/amer/", true)]
    [InlineData("https://europe.botframework.com/", true)]
    [InlineData("https://botframework.com.evil.example/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://attacker.example/", false)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("http://127.0.0.1:3978/", false)]
    [InlineData("http://localhost:3978/", false)]
    [InlineData("https://[::1]:3978/", false)]
    public void Only_trusted_connector_hosts_may_receive_the_token(string url, bool trusted) =>
        Assert.Equal(trusted, ServiceUrlPolicy.For(new ConnectorOptions(), authenticated: true).IsTrusted(new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("https://[::1]:3978/", true)]
    [InlineData("http://127.0.0.1.attacker.example/", false)]
    [InlineData("http://10.0.0.4/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    public void Loopback_is_trusted_in_local_mode_or_when_configured_for_tests(string url, bool trusted)
    {
        Assert.Equal(trusted, ServiceUrlPolicy.For(new ConnectorOptions(), authenticated: false).IsTrusted(new Uri(url)));
        Assert.Equal(trusted, ServiceUrlPolicy.For(new ConnectorOptions { TrustLoopbackServiceUrl = true }, authenticated: true).IsTrusted(new Uri(url)));
    }

    [Fact]
    public async Task A_configured_bot_never_sends_its_token_to_loopback_unless_told_to()
    {
        var credential = Credential(("token-1", TimeSpan.FromHours(1)));
        var settings = new Dictionary<string, string?>(Configured) { ["Bot:Connector:TrustLoopbackServiceUrl"] = "false" };
        await using var host = ConnectorHost.Start(settings, services =>
            services.AddSingleton(new BotTokenProvider(credential.Object, "tenant-1", TimeProvider.System)));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync(ServiceUrl, "a:1", Message("x"), CancellationToken.None));

        Assert.Contains("TrustLoopbackServiceUrl", error.Message, StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
        credential.Verify(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void An_app_id_without_a_credential_fails_at_startup_naming_the_settings()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConnectorHost.Start(new Dictionary<string, string?> { ["Bot:AppId"] = "app-1", ["Bot:TenantId"] = "tenant-1" }));

        Assert.Contains("Bot:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:ManagedIdentityClientId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:UseSystemAssignedIdentity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_host_refuses_to_start_with_an_app_id_but_no_credential()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotServer.StartAsync(new Dictionary<string, string?> { ["Bot:AppId"] = "app-1", ["Bot:TenantId"] = "tenant-1" }));

        Assert.Contains("Bot:ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret", "cert.pfx", null, false, "not both")]
    [InlineData("secret", null, null, false, "Bot:TenantId")]
    [InlineData(null, "/nonexistent/bot.pfx", null, false, "does not exist")]
    [InlineData(null, null, "mi-client-id", true, "not both")]
    public void Ambiguous_or_incomplete_credential_settings_are_refused(string? secret, string? certificate, string? managedIdentity, bool systemAssigned, string expected)
    {
        var options = new BotOptions
        {
            AppId = "app-1",
            TenantId = expected == "Bot:TenantId" ? null : "tenant-1",
            ClientSecret = secret,
            CertificatePath = certificate,
            ManagedIdentityClientId = managedIdentity,
            UseSystemAssignedIdentity = systemAssigned,
        };

        Assert.Contains(expected, BotCredentials.Problem(options), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => BotCredentials.Create(options));
    }

    [Fact]
    public void Each_setting_builds_its_credential()
    {
        Assert.IsType<ClientSecretCredential>(BotCredentials.Create(Options(o => o.ClientSecret = "s")));
        Assert.IsType<ManagedIdentityCredential>(BotCredentials.Create(Options(o => o.ManagedIdentityClientId = "mi-1")));
        Assert.IsType<ManagedIdentityCredential>(BotCredentials.Create(Options(o => o.UseSystemAssignedIdentity = true)));

        // The app credential wins over a managed identity that is there for storage.
        Assert.IsType<ClientSecretCredential>(BotCredentials.Create(Options(o =>
        {
            o.ClientSecret = "s";
            o.ManagedIdentityClientId = "mi-1";
        })));
    }

    [Fact]
    public void A_certificate_file_builds_a_certificate_credential_with_or_without_a_password()
    {
        var folder = Directory.CreateTempSubdirectory("stuyfbot-cert-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=stuyfbot-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var withPassword = Path.Combine(folder.FullName, "bot.pfx");
            File.WriteAllBytes(withPassword, certificate.Export(X509ContentType.Pkcs12, "geheim"));
            var pem = Path.Combine(folder.FullName, "bot.pem");
            File.WriteAllText(pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

            Assert.IsType<ClientCertificateCredential>(BotCredentials.Create(Options(o =>
            {
                o.CertificatePath = withPassword;
                o.CertificatePassword = "geheim";
            })));
            Assert.IsType<ClientCertificateCredential>(BotCredentials.Create(Options(o => o.CertificatePath = pem)));
            Assert.ThrowsAny<CryptographicException>(() => BotCredentials.Create(Options(o =>
            {
                o.CertificatePath = withPassword;
                o.CertificatePassword = "fout";
            })));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static BotOptions Options(Action<BotOptions> configure)
    {
        var options = new BotOptions { AppId = "app-1", TenantId = "tenant-1" };
        configure(options);
        return options;
    }

    private static Mock<TokenCredential> Credential(params (string Token, TimeSpan Lifetime)[] tokens) => Credential(TimeProvider.System, tokens);

    /// <summary>A credential that hands out these tokens in turn, each valid for its lifetime from the moment it is fetched.</summary>
    private static Mock<TokenCredential> Credential(TimeProvider time, params (string Token, TimeSpan Lifetime)[] tokens)
    {
        var credential = new Mock<TokenCredential>(MockBehavior.Strict);
        var sequence = credential.SetupSequence(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()));
        foreach (var (token, lifetime) in tokens)
        {
            sequence = sequence.ReturnsAsync(() => new AccessToken(token, time.GetUtcNow().Add(lifetime)));
        }

        return credential;
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
