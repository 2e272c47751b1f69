using System.IO.Compression;
using System.Text.Json.Nodes;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Manifest;

/// <summary>The app packed once with known ids into a temporary folder, for the tests that read the package.</summary>
public sealed class PackedApp : IAsyncLifetime
{
    public const string BotAppId = "6f1b2c3d-1234-4abc-9def-0123456789ab";
    public const string ManifestId = "2d7c5e1a-8b9f-4c3d-a1e2-f3b4c5d6e7f8";
    public const string Version = "1.2.3";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("stuyfbot-manifest-");

    public string ZipPath => Path.Combine(_folder.FullName, "stuyfbot.zip");

    public NodeScriptResult Result { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Result = await PackScript.RunAsync(
            ["--app-id", BotAppId.ToUpperInvariant(), "--manifest-id", ManifestId, "--app-version", Version, "--out", _folder.FullName]);

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The package's files by name, read with .NET's own zip reader.</summary>
    public static IReadOnlyDictionary<string, byte[]> ReadZip(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public IReadOnlyDictionary<string, byte[]> Files() => ReadZip(ZipPath);

    public JsonObject Json(string name) => JsonNode.Parse(Files()[name])!.AsObject();
}
