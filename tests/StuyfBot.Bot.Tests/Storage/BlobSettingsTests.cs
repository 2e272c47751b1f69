using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>Which blob container the settings point at, and what a wrong connection string says.</summary>
public sealed class BlobSettingsTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10000/devstoreaccount1/stuyfbot")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stuyf;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://stuyf.blob.core.windows.net/stuyfbot")]
    [InlineData("AccountName=stuyf;AccountKey=" + Key + ";EndpointSuffix=core.chinacloudapi.cn;DefaultEndpointsProtocol=http", "http://stuyf.blob.core.chinacloudapi.cn/stuyfbot")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:12345/devstoreaccount1;", "http://127.0.0.1:12345/devstoreaccount1/stuyfbot")]
    [InlineData("BlobEndpoint=https://stuyf.blob.core.windows.net;SharedAccessSignature=sv=2025-11-05&sig=c2VjcmV0", "https://stuyf.blob.core.windows.net/stuyfbot")]
    public void A_connection_string_selects_its_blob_endpoint_and_the_location_shows_no_secret(string connectionString, string location)
    {
        var store = Create(new StorageOptions { ConnectionString = connectionString });

        Assert.Equal(location, store.Location);
    }

    [Fact]
    public void An_account_url_selects_the_container_under_it()
    {
        var store = Create(new StorageOptions { AccountUrl = "https://stuyf.blob.core.windows.net/", Container = "bot-data" });

        Assert.Equal("https://stuyf.blob.core.windows.net/bot-data", store.Location);
    }

    [Theory]
    [InlineData("AccountName=stuyf")]
    [InlineData("AccountKey=" + Key)]
    [InlineData("AccountName=stuyf;AccountKey=not*base64!")]
    [InlineData("AccountName=stuyf;AccountKey=" + Key + ";DefaultEndpointsProtocol=gopher")]
    [InlineData("AccountName=stuyf;AccountKey=" + Key + ";BlobEndpoint=ftp://x")]
    [InlineData("just some text")]
    public void A_wrong_connection_string_names_the_setting_and_its_shapes_without_repeating_the_key(string connectionString)
    {
        var error = Assert.Throws<StorageSettingException>(() => Create(new StorageOptions { ConnectionString = connectionString }));

        Assert.Equal("Storage:ConnectionString", error.Setting);
        Assert.StartsWith("Storage:ConnectionString: not a valid storage connection string (", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseDevelopmentStorage=true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    private static IDocumentStore Create(StorageOptions storage) =>
        StorageServiceCollectionExtensions.CreateStore(storage, new BotOptions(), Path.GetTempPath(), new NoCredential(), NullLoggerFactory.Instance);

    /// <summary>Never asked: making a store sends nothing.</summary>
    private sealed class NoCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A token was asked for while only making the store.");

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A token was asked for while only making the store.");
    }
}
