using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>
/// The authentication matrix of POST /api/messages over real HTTP on loopback: the real bot
/// (Bot:AppId set), a local issuer serving OpenID metadata and JWKS with keys minted here, and a
/// loopback connector as the activity's serviceUrl. Every refusal is a plain 401 with no connector
/// call, and the logged reason shows it was refused for the reason the case is about.
/// </summary>
public sealed class InboundAuthenticationTests : IAsyncLifetime, IClassFixture<AuthKeys>
{
    private const string AppId = "7f9b1a52-4d1c-4c2e-9a57-3c5b2f0e8d11";
    private const string TenantId = "0b6f2a3c-9d1e-4f5a-8b7c-6d5e4f3a2b1c";
    private const string OtherTenantId = "5c4d3e2f-1a0b-4c9d-8e7f-a1b2c3d4e5f6";
    private const string ServiceKeysPath = "/botframework/keys";

    private readonly AuthKeys _keys;
    private readonly AdjustableTimeProvider _time = new();
    private readonly ListLoggerProvider _logs = new();
    private TestIssuer _issuer = null!;
    private LoopbackConnector _connector = null!;
    private BotServer _bot = null!;

    public InboundAuthenticationTests(AuthKeys keys) => _keys = keys;

    private DateTimeOffset Now => _time.GetUtcNow();

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _issuer.PublishServiceKey(_keys.Service, "msteams", "skype");
        _issuer.PublishServiceKey(_keys.WebChatOnly, "webchat");
        _issuer.PublishEntraKey(TenantId, _keys.Entra);
        _issuer.PublishEntraKey(OtherTenantId, _keys.OtherTenant);
        _connector = await LoopbackConnector.StartAsync();
        _bot = await BotServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Bot:AppId"] = AppId,
                ["Bot:TenantId"] = TenantId,
                ["Bot:OpenIdMetadataUrl"] = _issuer.MetadataUrl.ToString(),
                ["Bot:EntraAuthority"] = _issuer.EntraAuthority,
                ["Logging:LogLevel:StuyfBot"] = "Debug",
                ["Bot:ClientSecret"] = OutboundCredential.Settings["Bot:ClientSecret"],
            },
            builder =>
            {
                OutboundCredential.Use(builder.Services, TenantId);
                builder.Services.AddSingleton<TimeProvider>(_time);
                builder.Logging.AddProvider(_logs);
            });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_bot_replies()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
    }

    [Fact]
    public async Task The_serviceurl_claim_may_differ_from_the_activity_by_a_trailing_slash_only()
    {
        var claims = ServiceClaims();
        claims["serviceurl"] = _connector.ServiceUrl.ToString().TrimEnd('/');
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, claims));

        claims["serviceurl"] = _connector.ServiceUrl.ToString().ToUpperInvariant();
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "serviceurl claim does not match");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var claims = ServiceClaims();
        claims["nbf"] = TestTokens.Seconds(Now.AddHours(-2));
        claims["exp"] = TestTokens.Seconds(Now.AddMinutes(-6));
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "expired");
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        var claims = ServiceClaims();
        claims["nbf"] = TestTokens.Seconds(Now.AddMinutes(6));
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "not valid before");
    }

    [Fact]
    public async Task A_token_without_exp_is_refused()
    {
        var claims = ServiceClaims();
        claims.Remove("exp");
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "no exp");
    }

    [Fact]
    public async Task Clocks_may_drift_up_to_five_minutes_either_way()
    {
        var justExpired = ServiceClaims();
        justExpired["exp"] = TestTokens.Seconds(Now.AddMinutes(-4));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, justExpired));

        var almostValid = ServiceClaims();
        almostValid["nbf"] = TestTokens.Seconds(Now.AddMinutes(4));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, almostValid));
    }

    [Fact]
    public async Task A_token_for_another_bot_is_refused()
    {
        var claims = ServiceClaims();
        claims["aud"] = "00000000-1111-2222-3333-444444444444";
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "audience");
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://API.botframework.com")]
    [InlineData("https://evil.example")]
    public async Task A_token_from_another_issuer_is_refused(string issuer)
    {
        var claims = ServiceClaims();
        claims["iss"] = issuer;
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "is not trusted");
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_refused()
    {
        var header = new JsonObject { ["alg"] = "none", ["kid"] = _keys.Service.KeyId, ["typ"] = "JWT" };
        await AssertRefusedAsync(TestTokens.Encode(header, ServiceClaims(), _ => []), "algorithm 'none' is not RS256");
        await AssertRefusedAsync(TestTokens.Encode(header, ServiceClaims(), _ => [1, 2, 3]), "algorithm 'none' is not RS256");
    }

    [Fact]
    public async Task An_hs256_token_keyed_with_the_public_key_is_refused()
    {
        await AssertRefusedAsync(TestTokens.SignHs256WithPublicKey(_keys.Service, ServiceClaims()), "algorithm 'HS256' is not RS256");
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var token = TestTokens.Sign(_keys.Service, ServiceClaims());
        var tampered = ServiceClaims();
        tampered["exp"] = TestTokens.Seconds(Now.AddDays(30));
        await AssertRefusedAsync(TestTokens.ReplacePayload(token, tampered), "signature does not verify");
    }

    [Fact]
    public async Task A_token_signed_with_an_unpublished_key_under_a_published_kid_is_refused()
    {
        await AssertRefusedAsync(TestTokens.Sign(_keys.Attacker, ServiceClaims(), keyId: _keys.Service.KeyId), "signature does not verify");
    }

    [Fact]
    public async Task A_token_with_an_unknown_kid_is_refused()
    {
        await AssertRefusedAsync(TestTokens.Sign(_keys.Attacker, ServiceClaims()), "no signing key 'attacker'");
    }

    [Fact]
    public async Task A_key_published_by_a_rotation_is_accepted_after_a_refresh_but_made_up_kids_cannot_force_refetches()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        Assert.Equal(1, _issuer.Fetches(ServiceKeysPath));

        _issuer.PublishServiceKey(_keys.Rotated, "msteams");
        _issuer.RemoveServiceKey(_keys.Service.KeyId);

        // The keys were fetched a moment ago: an unknown kid does not make the bot fetch again yet.
        await AssertRefusedAsync(TestTokens.Sign(_keys.Rotated, ServiceClaims()), "no signing key 'svc-2'");
        Assert.Equal(1, _issuer.Fetches(ServiceKeysPath));

        _time.Advance(TimeSpan.FromSeconds(31));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Rotated, ServiceClaims()));
        Assert.Equal(2, _issuer.Fetches(ServiceKeysPath));

        for (var i = 0; i < 5; i++)
        {
            await AssertRefusedAsync(TestTokens.Sign(_keys.Attacker, ServiceClaims(), keyId: $"made-up-{i}"), $"no signing key 'made-up-{i}'");
        }

        Assert.Equal(2, _issuer.Fetches(ServiceKeysPath));
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()), "no signing key 'svc-1'");
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_a_day()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        Assert.Equal(1, _issuer.Fetches(ServiceKeysPath));

        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        Assert.Equal(2, _issuer.Fetches(ServiceKeysPath));
    }

    [Fact]
    public async Task When_the_issuer_is_down_the_keys_already_known_stay_in_use()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        _issuer.Unavailable = true;
        _time.Advance(TimeSpan.FromHours(25));

        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not refresh the signing keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_channel_is_refused()
    {
        await AssertRefusedAsync(TestTokens.Sign(_keys.WebChatOnly, ServiceClaims()), "not endorsed for channel 'msteams'");
    }

    [Fact]
    public async Task An_activity_from_a_channel_the_key_is_not_endorsed_for_is_refused()
    {
        var activity = Message();
        activity["channelId"] = "webchat";
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()), "not endorsed for channel 'webchat'", activity);
    }

    [Fact]
    public async Task A_token_for_another_service_url_is_refused()
    {
        var claims = ServiceClaims();
        claims["serviceurl"] = "https://smba.trafficmanager.net/emea/";
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "serviceurl claim does not match");

        claims.Remove("serviceurl");
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "serviceurl claim does not match");
    }

    [Fact]
    public async Task A_request_without_authorization_is_refused()
    {
        await AssertHeaderRefusedAsync(authorization: null, reason: null);
    }

    [Theory]
    [InlineData("Bearer", "not 'Bearer <token>'")]
    [InlineData("Basic dXNlcjpwYXNz", "not 'Bearer <token>'")]
    [InlineData("Bearer  eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "not 'Bearer <token>'")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30", "has 2 parts, not 3")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln.c2ln", "has 4 parts, not 3")]
    [InlineData("Bearer ..", "not a JSON object")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30=.c2ln", "not base64url")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e3+0.c2ln", "not base64url")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2l", "not base64url")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2k", "no kid")]
    [InlineData("Bearer bm90IGpzb24.e30.c2ln", "not a JSON object")]
    public async Task A_malformed_authorization_header_is_refused(string authorization, string reason)
    {
        await AssertHeaderRefusedAsync(authorization, reason);
    }

    [Fact]
    public async Task A_malformed_token_shaped_like_a_real_one_is_refused()
    {
        var token = TestTokens.Sign(_keys.Service, ServiceClaims());
        var parts = token.Split('.');
        await AssertHeaderRefusedAsync("Bearer " + parts[0] + ".!" + parts[1] + "." + parts[2], "not base64url");
        await AssertHeaderRefusedAsync("Bearer " + parts[0] + "." + parts[1] + "." + parts[2] + "==", "not base64url");
        await AssertHeaderRefusedAsync("Bearer " + parts[0] + "." + TestTokens.Part("[1,2]") + "." + parts[2], "not a JSON object");
    }

    [Fact]
    public async Task An_entra_token_for_the_bots_tenant_is_accepted()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Entra, TestTokens.EntraClaims(AppId, TenantId, Now)));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Entra, TestTokens.EntraClaims(AppId, TenantId, Now, v1: true)));
    }

    [Fact]
    public async Task An_entra_token_of_another_tenant_is_refused()
    {
        await AssertRefusedAsync(TestTokens.Sign(_keys.OtherTenant, TestTokens.EntraClaims(AppId, OtherTenantId, Now)), "is not trusted");

        var otherTid = TestTokens.EntraClaims(AppId, TenantId, Now);
        otherTid["tid"] = OtherTenantId;
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, otherTid), $"tenant '{OtherTenantId}' is not this bot's tenant");
    }

    [Fact]
    public async Task An_entra_token_is_checked_like_any_other()
    {
        var otherAudience = TestTokens.EntraClaims(AppId, TenantId, Now);
        otherAudience["aud"] = "https://graph.microsoft.com";
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, otherAudience), "audience");

        var expired = TestTokens.EntraClaims(AppId, TenantId, Now);
        expired["exp"] = TestTokens.Seconds(Now.AddMinutes(-10));
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, expired), "expired");

        // Keys are per issuer: a Bot Framework key does not sign Entra tokens.
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, TestTokens.EntraClaims(AppId, TenantId, Now)), "no signing key 'svc-1'");
    }

    private JsonObject Message() => Activities.Message(_connector.ServiceUrl, "hallo");

    private JsonObject ServiceClaims() => TestTokens.ServiceClaims(AppId, _connector.ServiceUrl, Now);

    private async Task AssertAcceptedAsync(string token)
    {
        _connector.Clear();
        _logs.Clear();
        using var response = await _bot.PostActivityAsync(Message(), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Contains("An Peeters", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Bearer " + OutboundCredential.Token, reply.Authorization);
        Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Authenticated a", StringComparison.Ordinal));
        AssertNotLogged(token);
    }

    private Task AssertRefusedAsync(string token, string reason, JsonObject? activity = null) =>
        AssertHeaderRefusedAsync("Bearer " + token, reason, activity);

    /// <summary>401, the generic answer, no connector call, and the reason in the log (not in the answer).</summary>
    private async Task AssertHeaderRefusedAsync(string? authorization, string? reason, JsonObject? activity = null)
    {
        _connector.Clear();
        _logs.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent((activity ?? Message()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"Unauthorized\"", body, StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
        if (reason is not null)
        {
            Assert.DoesNotContain(reason, body, StringComparison.Ordinal);
            var refusal = Assert.Single(_logs.Entries, e => e.Message.StartsWith("Refused an activity", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Warning, refusal.Level);
            Assert.True(refusal.Message.Contains(reason, StringComparison.Ordinal), $"Expected the reason '{reason}' in: {refusal.Message}");
        }

        AssertNotLogged(authorization);
    }

    private void AssertNotLogged(string? token)
    {
        var secrets = (token ?? string.Empty).Replace("Bearer ", string.Empty, StringComparison.Ordinal)
            .Split('.')
            .Where(part => part.Length >= 8);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }
}
