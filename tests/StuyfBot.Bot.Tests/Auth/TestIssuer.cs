using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>
/// The two token issuers on real HTTP on loopback: the Bot Framework's OpenID metadata and JWKS
/// (keys with endorsements) at /botframework/..., and Entra's per tenant at /{tenant}/...
/// (the paths login.microsoftonline.com uses). Keys can be rotated and fetches are counted.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, int> _fetches = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _serviceKeys = [];
    private readonly Dictionary<string, List<JsonObject>> _entraKeys = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>For Bot:OpenIdMetadataUrl.</summary>
    public Uri MetadataUrl => new(BaseAddress, "botframework/.well-known/openidconfiguration");

    /// <summary>For Bot:EntraAuthority.</summary>
    public string EntraAuthority => BaseAddress.ToString().TrimEnd('/');

    /// <summary>A jwks_uri to announce instead of this server's own.</summary>
    public string? ServiceJwksUri { get; set; }

    /// <summary>While set, every request gets 503.</summary>
    public bool Unavailable { get; set; }

    public static async Task<TestIssuer> StartAsync()
    {
        var issuer = new TestIssuer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(issuer.CountAndFail);
        app.MapGet("/botframework/.well-known/openidconfiguration", () => Json(new JsonObject
        {
            ["issuer"] = TestTokens.BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = issuer.ServiceJwksUri ?? new Uri(issuer.BaseAddress, "botframework/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet("/botframework/keys", () => Json(issuer.ServiceKeySet()));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Json(new JsonObject
        {
            ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
            ["jwks_uri"] = new Uri(issuer.BaseAddress, $"{tenant}/discovery/v2.0/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) => Json(issuer.EntraKeySet(tenant)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        issuer._app = app;
        return issuer;
    }

    /// <summary>Publishes a Bot Framework key with its endorsements (the channels it may sign for).</summary>
    public void PublishServiceKey(TestSigningKey key, params string[] endorsements) => PublishServiceKey(key.ToJwk(endorsements));

    public void PublishServiceKey(JsonObject jwk)
    {
        lock (_lock)
        {
            _serviceKeys.Add(jwk);
        }
    }

    public void PublishEntraKey(string tenantId, TestSigningKey key)
    {
        lock (_lock)
        {
            if (!_entraKeys.TryGetValue(tenantId, out var keys))
            {
                _entraKeys[tenantId] = keys = [];
            }

            keys.Add(key.ToJwk());
        }
    }

    public void RemoveServiceKey(string keyId)
    {
        lock (_lock)
        {
            _serviceKeys.RemoveAll(k => k["kid"]!.GetValue<string>() == keyId);
        }
    }

    /// <summary>How often a path was requested (for example "/botframework/keys").</summary>
    public int Fetches(string path) => _fetches.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private Task CountAndFail(HttpContext http, Func<Task> next)
    {
        _fetches.AddOrUpdate(http.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
        if (Unavailable)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        return next();
    }

    private static JsonObject KeySet(List<JsonObject> keys) =>
        new() { ["keys"] = new JsonArray([.. keys.Select(k => k.DeepClone())]) };

    private JsonObject ServiceKeySet()
    {
        lock (_lock)
        {
            return KeySet(_serviceKeys);
        }
    }

    private JsonObject EntraKeySet(string tenantId)
    {
        lock (_lock)
        {
            return KeySet(_entraKeys.GetValueOrDefault(tenantId) ?? []);
        }
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}
