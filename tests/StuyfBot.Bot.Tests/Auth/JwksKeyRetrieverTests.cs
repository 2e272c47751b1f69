using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StuyfBot.Bot.Api.Auth;
using StuyfBot.Bot.Tests.Infrastructure;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>Fetching and caching signing keys, against the local issuer over real HTTP.</summary>
public sealed class JwksKeyRetrieverTests : IAsyncLifetime, IClassFixture<AuthKeys>
{
    private const string KeysPath = "/botframework/keys";

    private readonly AuthKeys _keys;
    private readonly AdjustableTimeProvider _time = new();
    private readonly ListLoggerProvider _logs = new();
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _logFactory;
    private TestIssuer _issuer = null!;
    private JwksKeyRetriever _retriever = null!;

    public JwksKeyRetrieverTests(AuthKeys keys)
    {
        _keys = keys;
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _logFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
    }

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _retriever = new JwksKeyRetriever(_issuer.MetadataUrl, _services.GetRequiredService<IHttpClientFactory>(), _time, _logFactory.CreateLogger<JwksKeyRetriever>());
    }

    public async Task DisposeAsync()
    {
        _retriever.Dispose();
        await _issuer.DisposeAsync();
        await _services.DisposeAsync();
        _logFactory.Dispose();
    }

    [Fact]
    public async Task Keys_are_fetched_once_and_then_served_from_the_cache()
    {
        _issuer.PublishServiceKey(_keys.Service, "msteams");

        var first = await _retriever.GetKeyAsync("svc-1", CancellationToken.None);
        var second = await _retriever.GetKeyAsync("svc-1", CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(["msteams"], first.Endorsements);
        Assert.Equal(1, _issuer.Fetches("/botframework/.well-known/openidconfiguration"));
        Assert.Equal(1, _issuer.Fetches(KeysPath));
    }

    [Fact]
    public async Task A_burst_of_unknown_kids_causes_one_fetch()
    {
        _issuer.PublishServiceKey(_keys.Service, "msteams");

        var lookups = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _retriever.GetKeyAsync("forged-" + i, CancellationToken.None).AsTask()));

        Assert.All(lookups, Assert.Null);
        Assert.Equal(1, _issuer.Fetches(KeysPath));
        Assert.NotNull(await _retriever.GetKeyAsync("svc-1", CancellationToken.None));
        Assert.Equal(1, _issuer.Fetches(KeysPath));
    }

    [Fact]
    public async Task An_unknown_kid_refetches_at_most_once_per_interval()
    {
        _issuer.PublishServiceKey(_keys.Service, "msteams");
        Assert.NotNull(await _retriever.GetKeyAsync("svc-1", CancellationToken.None));

        _issuer.PublishServiceKey(_keys.Rotated, "msteams");
        _time.Advance(JwksKeyRetriever.MinimumRefreshInterval - TimeSpan.FromSeconds(1));
        Assert.Null(await _retriever.GetKeyAsync("svc-2", CancellationToken.None));
        Assert.Equal(1, _issuer.Fetches(KeysPath));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await _retriever.GetKeyAsync("svc-2", CancellationToken.None));
        Assert.Equal(2, _issuer.Fetches(KeysPath));
    }

    [Fact]
    public async Task A_failed_first_fetch_is_retried_after_the_interval_not_on_every_request()
    {
        _issuer.PublishServiceKey(_keys.Service, "msteams");
        _issuer.Unavailable = true;

        Assert.Null(await _retriever.GetKeyAsync("svc-1", CancellationToken.None));
        Assert.Null(await _retriever.GetKeyAsync("svc-1", CancellationToken.None));
        Assert.Equal(1, _issuer.Fetches("/botframework/.well-known/openidconfiguration"));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is HttpRequestException);

        _issuer.Unavailable = false;
        _time.Advance(JwksKeyRetriever.MinimumRefreshInterval);
        Assert.NotNull(await _retriever.GetKeyAsync("svc-1", CancellationToken.None));
    }

    [Fact]
    public async Task Unusable_keys_are_skipped_and_the_usable_ones_kept()
    {
        using var weak = new TestSigningKey("weak", bits: 1024);
        _issuer.PublishServiceKey(weak, "msteams");
        _issuer.PublishServiceKey(Jwk(_keys.Rotated, k => k["use"] = "enc"));
        _issuer.PublishServiceKey(Jwk(_keys.Rotated, k => k["kty"] = "EC"));
        _issuer.PublishServiceKey(Jwk(_keys.Rotated, k => k.Remove("kid")));
        _issuer.PublishServiceKey(Jwk(_keys.Rotated, k => k["n"] = "not+base64url"));
        _issuer.PublishServiceKey(_keys.Service, "msteams");
        _issuer.PublishServiceKey(_keys.Attacker.ToJwk(["msteams"]).Also(k => k["kid"] = "svc-1"));

        var key = await _retriever.GetKeyAsync("svc-1", CancellationToken.None);

        Assert.NotNull(key);
        Assert.Null(await _retriever.GetKeyAsync("weak", CancellationToken.None));
        Assert.Null(await _retriever.GetKeyAsync("svc-2", CancellationToken.None));
        Assert.Contains(_logs.Entries, e => e.Message.Contains("Fetched 1 signing keys", StringComparison.Ordinal) && e.Message.Contains("(6 skipped)", StringComparison.Ordinal));

        // The first svc-1 wins: the duplicate published after it cannot take its place.
        Assert.True(key.VerifySignature(Read(TestTokens.Sign(_keys.Service, new JsonObject { ["iss"] = "x" }))));
        Assert.False(key.VerifySignature(Read(TestTokens.Sign(_keys.Attacker, new JsonObject { ["iss"] = "x" }, keyId: "svc-1"))));
    }

    [Fact]
    public async Task A_key_published_only_as_an_x5c_certificate_verifies_tokens()
    {
        _issuer.PublishServiceKey(_keys.Rotated.ToJwk(["msteams"], certificateOnly: true));

        var key = await _retriever.GetKeyAsync("svc-2", CancellationToken.None);

        Assert.NotNull(key);
        Assert.True(key.IsEndorsedFor("msteams"));
        Assert.True(key.VerifySignature(Read(TestTokens.Sign(_keys.Rotated, new JsonObject { ["iss"] = "x" }))));
        Assert.False(key.VerifySignature(Read(TestTokens.Sign(_keys.Service, new JsonObject { ["iss"] = "x" }, keyId: "svc-2"))));
    }

    [Fact]
    public async Task A_jwks_uri_over_plain_http_to_another_host_is_not_followed()
    {
        _issuer.PublishServiceKey(_keys.Service, "msteams");
        _issuer.ServiceJwksUri = "http://keys.example.invalid/botframework/keys";

        Assert.Null(await _retriever.GetKeyAsync("svc-1", CancellationToken.None));
        Assert.Contains(_logs.Entries, e => e.Exception is InvalidDataException && e.Exception.Message.Contains("not https", StringComparison.Ordinal));
        Assert.Equal(0, _issuer.Fetches(KeysPath));
    }

    [Fact]
    public async Task A_signature_of_the_wrong_length_does_not_verify_and_does_not_throw()
    {
        _issuer.PublishServiceKey(_keys.Service, "msteams");
        var key = await _retriever.GetKeyAsync("svc-1", CancellationToken.None);
        var token = TestTokens.Encode(new JsonObject { ["alg"] = "RS256", ["kid"] = "svc-1" }, new JsonObject(), _ => [1, 2, 3]);

        Assert.False(key!.VerifySignature(Read(token)));
    }

    private static JsonObject Jwk(TestSigningKey key, Action<JsonObject> change) => key.ToJwk(["msteams"]).Also(change);

    private static JsonWebToken Read(string compact) =>
        JsonWebToken.TryRead(compact, out var token, out var failure) ? token : throw new InvalidOperationException(failure);
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject jwk, Action<JsonObject> change)
    {
        change(jwk);
        return jwk;
    }
}
