using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>What only the blob store has: keys, tokens, the container, lost answers.</summary>
public sealed class BlobDocumentStoreTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public BlobDocumentStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task The_container_is_created_on_first_use_and_reads_before_it_exists_find_nothing()
    {
        var store = _azurite.NewStore();

        Assert.Null(await store.ReadAsync("people/a/b.json", default));
        Assert.Empty((await store.ListAsync("people/", null, 10, default)).Keys);
        var created = await store.CreateAsync("people/a/b.json", "{}"u8.ToArray(), default);

        Assert.Equal(WriteStatus.Written, created.Status);
        Assert.NotNull(await store.ReadAsync("people/a/b.json", default));
    }

    [Fact]
    public async Task A_wrong_account_key_is_a_clear_refusal()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var connection = _azurite.Server.ConnectionString.Replace(AzuriteServer.AccountKey, wrongKey, StringComparison.Ordinal);
        var store = BlobDocumentStore.WithConnectionString(connection, AzuriteFixture.NewContainer(), NullLogger<BlobDocumentStore>.Instance);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.EnsureReadyAsync(default));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("account key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_recognised_as_ours_on_the_retry_not_as_a_conflict()
    {
        var losing = new LoseFirstAnswerPolicy();
        var store = StoreWith(losing);
        await store.EnsureReadyAsync(default);
        losing.Armed = true;

        var created = await store.CreateAsync("sessions/s1/items/1.json", """{"n":1}"""u8.ToArray(), default);

        Assert.Equal(1, losing.Lost);
        Assert.Equal(WriteStatus.Written, created.Status);
        Assert.Equal(created.ETag, (await store.ReadAsync("sessions/s1/items/1.json", default))!.ETag);
    }

    [Fact]
    public async Task A_replace_whose_answer_was_lost_is_recognised_as_ours_but_a_real_conflict_stays_a_conflict()
    {
        var losing = new LoseFirstAnswerPolicy();
        var store = StoreWith(losing);
        await store.EnsureReadyAsync(default);
        var first = await store.CreateAsync("k/head.json", """{"v":1}"""u8.ToArray(), default);
        losing.Armed = true;

        var replaced = await store.ReplaceAsync("k/head.json", """{"v":2}"""u8.ToArray(), first.ETag!, default);
        var stale = await store.ReplaceAsync("k/head.json", """{"v":3}"""u8.ToArray(), first.ETag!, default);

        Assert.Equal(WriteStatus.Written, replaced.Status);
        Assert.Equal(WriteStatus.Conflict, stale.Status);
        Assert.Equal("""{"v":2}""", Encoding.UTF8.GetString((await store.ReadAsync("k/head.json", default))!.Content.Span));
    }

    private BlobDocumentStore StoreWith(HttpPipelinePolicy policy) =>
        BlobDocumentStore.WithConnectionString(_azurite.Server.ConnectionString, AzuriteFixture.NewContainer(), NullLogger<BlobDocumentStore>.Instance, options =>
        {
            options.Retry.Delay = TimeSpan.FromMilliseconds(10);
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        });

    /// <summary>Lets the first PUT reach the server, then drops its answer as a broken connection would.</summary>
    private sealed class LoseFirstAnswerPolicy : HttpPipelinePolicy
    {
        public bool Armed { get; set; }

        public int Lost { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store is async only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (Armed && Lost == 0 && message.Request.Method == RequestMethod.Put)
            {
                Lost++;
                throw new IOException("The connection was reset after the request was sent (test).");
            }
        }
    }
}

/// <summary>
/// Account URL + token, as with a managed identity in Azure: Azurite over HTTPS with OAuth
/// "basic" checks the bearer token's issuer, audience and lifetime (not its signature).
/// </summary>
public sealed class BlobBearerTokenTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private X509Certificate2 _certificate = null!;
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_folder.Path, "azurite.pem");
        var keyPath = Path.Combine(_folder.Path, "azurite.key");
        await File.WriteAllTextAsync(certificatePath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        _azurite = await AzuriteServer.StartAsync(new AzuriteSettings { Https = (certificatePath, keyPath) });
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        _certificate.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_account_url_with_a_token_credential_works_without_any_key()
    {
        var credential = new EntraLikeCredential(TimeSpan.FromHours(1));
        var store = BlobDocumentStore.WithToken(_azurite.BlobEndpoint, "stuyfbot", credential, NullLogger<BlobDocumentStore>.Instance, TrustTestCertificate);

        await store.EnsureReadyAsync(default);
        var created = await store.CreateAsync("people/t/u.json", """{"a":1}"""u8.ToArray(), default);
        var replaced = await store.ReplaceAsync("people/t/u.json", """{"a":2}"""u8.ToArray(), created.ETag!, default);
        var read = await store.ReadAsync("people/t/u.json", default);

        Assert.Equal(WriteStatus.Written, replaced.Status);
        Assert.Equal("""{"a":2}""", Encoding.UTF8.GetString(read!.Content.Span));
        Assert.Equal(["people/t/u.json"], (await store.ListAsync("people/", null, 10, default)).Keys);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public async Task An_expired_token_is_a_clear_refusal()
    {
        var store = BlobDocumentStore.WithToken(_azurite.BlobEndpoint, "stuyfbot", new EntraLikeCredential(TimeSpan.FromHours(-1)), NullLogger<BlobDocumentStore>.Instance, TrustTestCertificate);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.EnsureReadyAsync(default));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    private void TrustTestCertificate(BlobClientOptions options) => options.Transport = new HttpClientTransport(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_certificate.RawData) },
    });

    /// <summary>Hands out tokens shaped like Entra's for Azure Storage (Entra itself cannot run here).</summary>
    private sealed class EntraLikeCredential(TimeSpan lifetime) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            var now = DateTimeOffset.UtcNow;
            var expires = now + lifetime;
            var payload = new JsonObject
            {
                ["aud"] = "https://storage.azure.com",
                ["iss"] = "https://sts.windows.net/11111111-2222-3333-4444-555555555555/",
                ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds() - (lifetime < TimeSpan.Zero ? 7200 : 0),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds() - (lifetime < TimeSpan.Zero ? 7200 : 0),
                ["exp"] = expires.ToUnixTimeSeconds(),
                ["oid"] = "00000000-0000-0000-0000-0000000000aa",
                ["tid"] = "11111111-2222-3333-4444-555555555555",
            };
            var token = $"{Base64Url("""{"alg":"RS256","typ":"JWT"}""")}.{Base64Url(payload.ToJsonString())}.{Base64Url("not-checked-by-azurite-basic")}";

            // Azure.Core refreshes a token that expires soon: report a future expiry so it is used.
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Base64Url(string text) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
