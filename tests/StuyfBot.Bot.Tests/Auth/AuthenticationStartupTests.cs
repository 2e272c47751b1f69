using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Api.Auth;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>Which authenticator the host uses, and the settings it refuses to start with.</summary>
public sealed class AuthenticationStartupTests
{
    private const string AppId = "7f9b1a52-4d1c-4c2e-9a57-3c5b2f0e8d11";
    private const string TenantId = "0b6f2a3c-9d1e-4f5a-8b7c-6d5e4f3a2b1c";

    [Fact]
    public async Task Without_an_app_id_the_bot_runs_unauthenticated()
    {
        await using var bot = await BotServer.StartAsync();

        var authenticator = bot.Services.GetRequiredService<IActivityAuthenticator>();
        Assert.IsType<NoAuthentication>(authenticator);
        Assert.False(authenticator.IsEnabled);
    }

    [Fact]
    public async Task With_an_app_id_and_tenant_every_activity_is_authenticated()
    {
        await using var bot = await BotServer.StartAsync(
            new Dictionary<string, string?>(OutboundCredential.Settings) { ["Bot:AppId"] = AppId, ["Bot:TenantId"] = TenantId },
            builder => OutboundCredential.Use(builder.Services, TenantId));

        var authenticator = bot.Services.GetRequiredService<IActivityAuthenticator>();
        Assert.IsType<ActivityAuthenticator>(authenticator);
        Assert.True(authenticator.IsEnabled);
    }

    [Fact]
    public async Task An_app_id_without_a_tenant_stops_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotServer.StartAsync(new Dictionary<string, string?> { ["Bot:AppId"] = AppId, ["Bot:TenantId"] = " " }));

        Assert.Contains("Bot:TenantId is required when Bot:AppId is set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bot:OpenIdMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("Bot:OpenIdMetadataUrl", "login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("Bot:EntraAuthority", "http://login.microsoftonline.com")]
    public async Task Signing_keys_from_an_unauthenticated_source_stop_the_start(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotServer.StartAsync(new Dictionary<string, string?>(OutboundCredential.Settings) { ["Bot:AppId"] = AppId, ["Bot:TenantId"] = TenantId, [setting] = value }));

        Assert.Contains(setting + " must be an absolute https URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bot:SigningKeyRefreshInterval", "00:00:00.500")]
    [InlineData("Bot:SigningKeyRefreshInterval", "01:00:00")]
    [InlineData("Bot:SigningKeyMaxAge", "00:01:00")]
    [InlineData("Bot:SigningKeyMaxAge", "30.00:00:00")]
    public async Task Key_refresh_settings_out_of_range_stop_the_start_naming_the_setting(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BotServer.StartAsync(new Dictionary<string, string?>(OutboundCredential.Settings) { ["Bot:AppId"] = AppId, ["Bot:TenantId"] = TenantId, [setting] = value }));

        Assert.Contains(setting + " must be between", error.Message, StringComparison.Ordinal);
    }
}
