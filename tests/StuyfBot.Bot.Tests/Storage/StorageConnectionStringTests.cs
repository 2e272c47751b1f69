using StuyfBot.Bot.Storage.Blobs;

namespace StuyfBot.Bot.Tests.Storage;

public sealed class StorageConnectionStringTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    [Fact]
    public void Development_storage_is_azurites_well_known_account_on_loopback()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey), parsed.AccountKey);
    }

    [Fact]
    public void An_account_key_string_makes_the_public_blob_endpoint()
    {
        var parsed = StorageConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=stuyf;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://stuyf.blob.core.windows.net"), parsed.BlobEndpoint);
        Assert.Equal("stuyf", parsed.AccountName);
        Assert.Equal("secret-key-for-tests", System.Text.Encoding.UTF8.GetString(parsed.AccountKey));
    }

    [Fact]
    public void Another_cloud_suffix_and_protocol_are_honoured()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=stuyf;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn;DefaultEndpointsProtocol=http");

        Assert.Equal(new Uri("http://stuyf.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
    }

    [Fact]
    public void An_explicit_blob_endpoint_wins_and_names_and_case_of_keys_do_not_matter()
    {
        var parsed = StorageConnectionString.Parse($" accountname = devstoreaccount1 ; ACCOUNTKEY={Key};BlobEndpoint=http://127.0.0.1:12345/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:12345/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Theory]
    [InlineData("AccountName=stuyf", "AccountKey is missing")]
    [InlineData("AccountKey=" + Key, "AccountName is missing")]
    [InlineData("AccountName=stuyf;AccountKey=not*base64!", "not valid base64")]
    [InlineData("AccountName=stuyf;AccountKey=" + Key + ";BlobEndpoint=ftp://x", "BlobEndpoint")]
    [InlineData("AccountName=stuyf;AccountKey=" + Key + ";DefaultEndpointsProtocol=gopher", "DefaultEndpointsProtocol")]
    [InlineData("BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=2021&sig=abc", "SAS")]
    [InlineData("just some text", "Name=value")]
    public void A_wrong_string_says_what_is_wrong_without_repeating_the_key(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }
}
