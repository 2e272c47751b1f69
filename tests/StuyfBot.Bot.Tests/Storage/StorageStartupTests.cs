using System.Diagnostics;
using System.Reflection;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Storage;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>A wrong or unreachable storage setting stops the bot with a message naming the setting.</summary>
public sealed class StorageStartupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Settings as "key=value" lines, the setting the message must name, and the problem it must state.</summary>
    public static TheoryData<string, string, string> WrongSettings => new()
    {
        { "Storage:ConnectionString=AccountName=x;AccountKey=%%%", "Storage:ConnectionString", "not a valid storage connection string" },
        { "Storage:ConnectionString=AccountKey=c2VjcmV0", "Storage:ConnectionString", "not a valid storage connection string" },
        { "Storage:ConnectionString=UseDevelopmentStorage=true\nStorage:AccountUrl=https://x.blob.core.windows.net", "Storage:ConnectionString", "not both" },
        { "Storage:AccountUrl=http://stuyf.blob.core.windows.net", "Storage:AccountUrl", "not an https URL" },
        { "Storage:ConnectionString=UseDevelopmentStorage=true\nStorage:Container=Bad_Name", "Storage:Container", "not a valid container name" },
        { "Storage:DataPath= ", "Storage:DataPath", "is empty" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_setting_stops_the_bot_and_names_the_setting(string lines, string named, string problem)
    {
        var settings = lines.Split('\n').ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], string? (l) => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        var error = await Assert.ThrowsAsync<StorageSettingException>(() => BotServer.StartAsync(settings));

        Assert.StartsWith(named + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("%%%", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_storage_account_stops_the_bot_and_names_the_connection_string()
    {
        var port = Ports.Free();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};",
        };

        var error = await Assert.ThrowsAsync<StorageSettingException>(() => BotServer.StartAsync(settings));

        Assert.StartsWith("Storage:ConnectionString:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_account_url_stops_the_bot_and_names_the_account_url()
    {
        var port = Ports.Free();
        var settings = new Dictionary<string, string?> { ["Storage:AccountUrl"] = $"https://127.0.0.1:{port}/devstoreaccount1" };

        var error = await Assert.ThrowsAsync<StorageSettingException>(() => BotServer.StartAsync(
            settings,
            builder => builder.Services.AddSingleton<TokenCredential>(new StaticCredential())));

        Assert.StartsWith("Storage:AccountUrl:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_path_that_cannot_be_a_folder_stops_the_bot_and_names_the_data_path()
    {
        var file = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "x");

        var error = await Assert.ThrowsAsync<StorageSettingException>(() => BotServer.StartAsync(new Dictionary<string, string?> { ["Storage:DataPath"] = file }));

        Assert.StartsWith("Storage:DataPath:", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_bot_process_exits_with_the_setting_in_its_output()
    {
        var file = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var configuration = typeof(StorageStartupTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryPaths.Root, "Bot", "bin", configuration, "net10.0", "StuyfBot.Bot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Storage:DataPath={file}");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Storage:DataPath:", await stdout + await stderr, StringComparison.Ordinal);
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
