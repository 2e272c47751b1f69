using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Storage;
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

    /// <summary>Short, so that the tests of refreshes take seconds (the default is 30 s).</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly AuthKeys _keys;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
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
                ["Bot:Connector:TrustLoopbackServiceUrl"] = "true",
                ["Bot:SigningKeyRefreshInterval"] = RefreshInterval.ToString(),
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
    public async Task A_burst_of_made_up_kids_makes_at_most_one_fetch_per_refresh_interval()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        Assert.Equal(1, _issuer.Fetches(ServiceKeysPath));

        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            await AssertRefusedAsync(TestTokens.Sign(_keys.Attacker, ServiceClaims(), keyId: $"made-up-{i}"), $"no signing key 'made-up-{i}'");
        }

        var allowed = 2 + (int)((DateTimeOffset.UtcNow - started) / RefreshInterval);
        Assert.InRange(_issuer.Fetches(ServiceKeysPath), 1, allowed);
    }

    [Fact]
    public async Task A_rotated_key_is_accepted_at_the_first_try_once_a_refresh_is_due()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        _issuer.PublishServiceKey(_keys.Rotated, "msteams");
        _issuer.RemoveServiceKey(_keys.Service.KeyId);

        // The refresh happens in the request that asks for it, not in the background after it.
        await Task.Delay(RefreshInterval + TimeSpan.FromMilliseconds(200));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Rotated, ServiceClaims()));
        Assert.Equal(2, _issuer.Fetches(ServiceKeysPath));
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()), "no signing key 'svc-1'");
    }

    [Fact]
    public async Task A_flood_of_bad_tokens_cannot_hold_back_a_key_rotation_beyond_two_refresh_intervals()
    {
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, ServiceClaims()));
        using var flooding = new CancellationTokenSource();
        var bad = new[]
        {
            TestTokens.Encode(new JsonObject { ["alg"] = "none", ["kid"] = "svc-2", ["typ"] = "JWT" }, ServiceClaims(), _ => []),
            TestTokens.ReplacePayload(TestTokens.Sign(_keys.Service, ServiceClaims()), TestTokens.EntraClaims(AppId, TenantId, Now)),
            TestTokens.Sign(_keys.Attacker, ServiceClaims(), keyId: "svc-2"),
        };
        var flood = Task.Run(async () =>
        {
            var sent = 0;
            while (!flooding.IsCancellationRequested)
            {
                var token = sent % 4 == 3 ? TestTokens.Sign(_keys.Attacker, ServiceClaims(), keyId: $"flood-{sent}") : bad[sent % 4 % bad.Length];
                using var response = await _bot.PostActivityAsync(Message(), token);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                sent++;
            }

            return sent;
        });

        // Let the flood spend a refresh, then rotate: the legitimate sender keeps trying, as Teams would.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        _issuer.PublishServiceKey(_keys.Rotated, "msteams");
        var rotated = DateTimeOffset.UtcNow;
        var accepted = false;
        while (!accepted && DateTimeOffset.UtcNow - rotated < RefreshInterval * 2 + TimeSpan.FromSeconds(1))
        {
            using var response = await _bot.PostActivityAsync(Message(), TestTokens.Sign(_keys.Rotated, ServiceClaims()));
            accepted = response.StatusCode == HttpStatusCode.OK;
            await Task.Delay(100);
        }

        var pickedUpAfter = DateTimeOffset.UtcNow - rotated;
        await flooding.CancelAsync();
        var sent = await flood;

        Assert.True(accepted, $"The rotated key was not accepted within {pickedUpAfter.TotalSeconds:F1} s under a flood of {sent} bad tokens.");
        Assert.True(sent > 20, $"Only {sent} bad tokens were sent: not a flood.");
        Assert.InRange(_issuer.Fetches(ServiceKeysPath), 2, 3 + (int)(pickedUpAfter / RefreshInterval));
    }

    [Fact]
    public void The_default_refresh_interval_picks_up_a_rotation_within_a_minute_under_any_flood() =>
        Assert.True(new BotOptions().SigningKeyRefreshInterval * 2 <= TimeSpan.FromMinutes(1));

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
    [InlineData("Bearer ..", "malformed token")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e3+0.c2ln", "malformed token")]
    [InlineData("Bearer bm90IGpzb24.e30.c2ln", "malformed token")]
    [InlineData("Bearer WzFd.e30.c2ln", "malformed token")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.WzEsMl0.c2ln", "malformed token")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2k", "names no kid")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.e30.c2k", "names no kid")]
    public async Task A_malformed_authorization_header_is_refused(string authorization, string reason)
    {
        await AssertHeaderRefusedAsync(authorization, reason);
    }

    [Fact]
    public async Task A_malformed_token_shaped_like_a_real_one_is_refused()
    {
        var token = TestTokens.Sign(_keys.Service, ServiceClaims());
        var parts = token.Split('.');
        await AssertHeaderRefusedAsync("Bearer " + parts[0] + ".!" + parts[1] + "." + parts[2], "malformed token");
        await AssertHeaderRefusedAsync("Bearer " + parts[0] + "." + TestTokens.Part("[1,2]") + "." + parts[2], "malformed token");
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

    [Fact]
    public async Task An_entra_token_of_another_app_of_the_tenant_is_refused()
    {
        const string OtherApp = "d6d49420-f39b-4df7-a1dc-d59a935871db";
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, TestTokens.EntraClaims(AppId, TenantId, Now, caller: OtherApp)), $"the calling app '{OtherApp}' is not this bot");
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, TestTokens.EntraClaims(AppId, TenantId, Now, v1: true, caller: OtherApp)), $"the calling app '{OtherApp}' is not this bot");
    }

    [Fact]
    public async Task A_delegated_user_token_is_refused_even_from_the_bots_own_app()
    {
        var claims = TestTokens.EntraClaims(AppId, TenantId, Now);
        claims["scp"] = "access_as_user";
        claims["oid"] = "a-user";
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, claims), "delegated user token (scp)");
    }

    [Fact]
    public async Task An_entra_token_that_names_no_calling_app_is_refused()
    {
        var claims = TestTokens.EntraClaims(AppId, TenantId, Now);
        claims.Remove("azp");
        await AssertRefusedAsync(TestTokens.Sign(_keys.Entra, claims), "names no calling app");
    }

    [Theory]
    [InlineData("channelData")]
    [InlineData("conversation")]
    [InlineData("both")]
    [InlineData("none")]
    public async Task An_activity_of_another_tenant_is_refused_before_anything_is_stored(string where)
    {
        var activity = Message();
        if (where is "channelData" or "both")
        {
            activity["channelData"]!["tenant"]!["id"] = OtherTenantId;
        }

        if (where is "conversation" or "both")
        {
            activity["conversation"]!["tenantId"] = OtherTenantId;
        }

        if (where == "none")
        {
            activity.Remove("channelData");
            ((JsonObject)activity["conversation"]!).Remove("tenantId");
        }

        await AssertForbiddenAsync(TestTokens.Sign(_keys.Service, ServiceClaims()), activity, where == "none" ? "names no tenant" : $"tenant '{OtherTenantId}' is not this bot's tenant");
    }

    [Fact]
    public async Task The_tenant_id_may_differ_in_case_only()
    {
        var activity = Message();
        activity["channelData"]!["tenant"]!["id"] = TenantId.ToUpperInvariant();
        _connector.Clear();
        using var response = await _bot.PostActivityAsync(activity, TestTokens.Sign(_keys.Service, ServiceClaims()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("https://smba.trafficmanager.net.attacker.example/emea/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    public async Task A_channel_token_for_an_untrusted_service_url_is_refused_before_anything_is_stored(string serviceUrl)
    {
        var activity = Activities.Message(new Uri(serviceUrl), "hallo");
        WithTenant(activity);
        var claims = ServiceClaims();
        claims["serviceurl"] = serviceUrl;

        await AssertForbiddenAsync(TestTokens.Sign(_keys.Service, claims), activity, "is not a trusted connector host");
    }

    [Fact]
    public async Task An_entra_token_cannot_name_an_untrusted_service_url_either()
    {
        var activity = WithTenant(Activities.Message(new Uri("https://attacker.example/"), "hallo"));

        await AssertForbiddenAsync(TestTokens.Sign(_keys.Entra, TestTokens.EntraClaims(AppId, TenantId, Now)), activity, "serviceUrl 'https://attacker.example/' is not a trusted connector host");
    }

    [Fact]
    public async Task A_configured_bot_refuses_a_loopback_service_url_unless_told_to_trust_it()
    {
        await using var bot = await BotServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Bot:AppId"] = AppId,
                ["Bot:TenantId"] = TenantId,
                ["Bot:OpenIdMetadataUrl"] = _issuer.MetadataUrl.ToString(),
                ["Bot:EntraAuthority"] = _issuer.EntraAuthority,
                ["Bot:ClientSecret"] = OutboundCredential.Settings["Bot:ClientSecret"],
            },
            builder => OutboundCredential.Use(builder.Services, TenantId));
        _connector.Clear();

        using var response = await bot.PostActivityAsync(Message(), TestTokens.Sign(_keys.Service, ServiceClaims()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData("253402300800")]
    [InlineData("9223372036854775807")]
    [InlineData("1e300")]
    [InlineData("-9223372036854775808")]
    [InlineData("\"never\"")]
    [InlineData("1e10")]
    public async Task An_exp_beyond_the_end_of_time_is_refused_not_a_crash(string exp)
    {
        var claims = ServiceClaims();
        claims["exp"] = JsonNode.Parse(exp);
        _connector.Clear();
        using var response = await _bot.PostActivityAsync(Message(), TestTokens.Sign(_keys.Service, claims));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_token_valid_for_longer_than_any_trusted_issuer_grants_is_refused()
    {
        var claims = ServiceClaims();
        claims["exp"] = TestTokens.Seconds(Now.AddDays(3));
        await AssertRefusedAsync(TestTokens.Sign(_keys.Service, claims), "too far in the future");

        claims["exp"] = TestTokens.Seconds(Now.AddHours(47));
        await AssertAcceptedAsync(TestTokens.Sign(_keys.Service, claims));
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    [InlineData("RS256 ")]
    [InlineData("")]
    public async Task Every_algorithm_but_RS256_is_refused(string alg)
    {
        var header = new JsonObject { ["alg"] = alg, ["kid"] = _keys.Service.KeyId, ["typ"] = "JWT" };
        var token = TestTokens.SignUnder(header, _keys.Service, ServiceClaims());
        await AssertRefusedAsync(token, $"algorithm '{alg}' is not RS256");
    }

    [Fact]
    public async Task A_token_with_critical_header_parameters_is_refused()
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = _keys.Service.KeyId, ["crit"] = new JsonArray("exp"), ["exp"] = 1 };
        var token = TestTokens.SignUnder(header, _keys.Service, ServiceClaims());
        await AssertRefusedAsync(token, "critical header parameters");
    }

    [Fact]
    public async Task An_encrypted_token_shape_is_refused()
    {
        await AssertHeaderRefusedAsync("Bearer eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn", "has 5 parts, not 3");
    }

    [Fact]
    public async Task A_huge_token_is_refused()
    {
        var claims = ServiceClaims();
        claims["padding"] = new string('x', 12_000);
        var token = TestTokens.Sign(_keys.Service, claims);
        await AssertRefusedAsync(TestTokens.ReplacePayload(token, ServiceClaims()) + "x", "the signature does not verify");
        _connector.Clear();
        using var response = await _bot.PostActivityAsync(Message(), TestTokens.ReplacePayload(token, ServiceClaims()).Replace(".", ".A", StringComparison.Ordinal) + new string('A', 40_000));
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.BadRequest, $"Got {response.StatusCode}");
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Hostile_text_from_the_caller_reaches_the_log_escaped_and_short()
    {
        var activity = Message();
        activity["channelId"] = "msteams\r\n2026-12-04 Refused nothing: all is well " + new string('z', 200);
        var kid = "kid\nforged line" + new string('k', 200);

        await AssertRefusedAsync(TestTokens.Sign(_keys.Attacker, ServiceClaims(), keyId: kid), "no signing key 'kid\\u000aforged line", activity);
        var line = Assert.Single(_logs.Entries, e => e.Message.StartsWith("Refused an activity", StringComparison.Ordinal)).Message;
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.True(line.Length < 400, $"The log line is {line.Length} characters long.");
    }

    private static JsonObject WithTenant(JsonObject activity)
    {
        activity["conversation"]!["tenantId"] = TenantId;
        activity["channelData"]!["tenant"]!["id"] = TenantId;
        return activity;
    }

    private JsonObject Message() => WithTenant(Activities.Message(_connector.ServiceUrl, "hallo"));

    /// <summary>A valid token, but an activity this bot does not take: 403, no connector call, nothing stored.</summary>
    private async Task AssertForbiddenAsync(string token, JsonObject activity, string reason)
    {
        var store = _bot.Services.GetRequiredService<IDocumentStore>();
        var before = await store.ListAllAsync(string.Empty).ToListAsync();
        _connector.Clear();
        _logs.Clear();

        using var response = await _bot.PostActivityAsync(activity, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
        Assert.Equal(before, await store.ListAllAsync(string.Empty).ToListAsync());
        var refusal = Assert.Single(_logs.Entries, e => e.Message.StartsWith("Refused an activity", StringComparison.Ordinal));
        Assert.True(refusal.Message.Contains(reason, StringComparison.Ordinal), $"Expected the reason '{reason}' in: {refusal.Message}");
    }

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
