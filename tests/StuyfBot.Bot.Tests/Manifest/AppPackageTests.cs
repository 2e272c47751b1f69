using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StuyfBot.Cards.Welcome;

namespace StuyfBot.Bot.Tests.Manifest;

/// <summary>
/// The Teams app package as manifest/pack.mjs builds it, checked against the Teams schemas bundled
/// by @microsoft/app-manifest (offline) and read back with .NET's zip reader.
/// </summary>
public sealed partial class AppPackageTests(PackedApp packed) : IClassFixture<PackedApp>
{
    private static readonly string[] GroupCommands = ["help", "start connectortafel", "start open huys", "plan connectortafel", "vraag", "sluit af"];

    [Fact]
    public void Packing_validates_the_manifest_and_its_translation_against_the_bundled_schemas()
    {
        Assert.True(packed.Result.ExitCode == 0, packed.Result.ToString());
        Assert.Contains("ok: manifest.json is valid against the Teams manifest schema v1.25 (@microsoft/app-manifest 1.1.2)", packed.Result.Output, StringComparison.Ordinal);
        Assert.Contains("ok: en.json (en) is valid against the Teams localization schema v1.25", packed.Result.Output, StringComparison.Ordinal);
        Assert.Contains($"wrote {packed.ZipPath}", packed.Result.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, packed.Result.Error);
    }

    [Fact]
    public void The_package_holds_the_manifest_the_icons_and_the_translation_at_its_root()
    {
        Assert.Equal(["color.png", "en.json", "manifest.json", "outline.png"], packed.Files().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_manifest_carries_the_given_ids_and_version()
    {
        var manifest = packed.Json("manifest.json");

        Assert.Equal(PackedApp.ManifestId, Text(manifest["id"]));
        Assert.Equal(PackedApp.Version, Text(manifest["version"]));
        Assert.Equal(PackedApp.BotAppId, Text(manifest["bots"]![0]!["botId"]));
        Assert.Equal(PackedApp.BotAppId, Text(manifest["webApplicationInfo"]!["id"]));
        Assert.Equal("1.25", Text(manifest["manifestVersion"]));
    }

    [Fact]
    public void The_bot_converses_in_personal_chats_group_chats_and_teams()
    {
        var bot = packed.Json("manifest.json")["bots"]!.AsArray().Single()!;

        Assert.Equal(["personal", "groupChat", "team"], Texts(bot["scopes"]));
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void The_bot_may_receive_meeting_start_and_end_in_meeting_chats_and_channel_meetings()
    {
        var manifest = packed.Json("manifest.json");
        var permissions = manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray()
            .Select(p => (Name: Text(p!["name"]), Type: Text(p["type"])))
            .ToList();

        Assert.Contains(("OnlineMeeting.ReadBasic.Chat", "Application"), permissions);
        Assert.Contains(("ChannelMeeting.ReadBasic.Group", "Application"), permissions);
        Assert.False(string.IsNullOrEmpty(Text(manifest["webApplicationInfo"]!["resource"])));
    }

    [Fact]
    public void Each_scope_has_its_own_command_menu()
    {
        var menus = CommandLists().ToDictionary(l => Assert.Single(Texts(l["scopes"])), Titles);

        Assert.Equal(["personal", "groupChat", "team"], menus.Keys);
        Assert.Equal(["help", "vraag", "verslagen"], menus["personal"]);
        Assert.Equal(GroupCommands, menus["groupChat"]);
        Assert.Equal(GroupCommands, menus["team"]);
    }

    [Fact]
    public void Every_command_of_the_help_card_is_in_every_command_menu()
    {
        foreach (var list in CommandLists())
        {
            Assert.All(HelpCard.BaseCommands, command => Assert.Contains(command.Words, Titles(list)));
        }
    }

    [Fact]
    public void Dutch_is_the_default_and_english_translates_the_name_description_and_every_command()
    {
        var manifest = packed.Json("manifest.json");
        var english = packed.Json("en.json");

        Assert.Equal("nl-BE", Text(manifest["localizationInfo"]!["defaultLanguageTag"]));
        var language = Assert.Single(manifest["localizationInfo"]!["additionalLanguages"]!.AsArray())!;
        Assert.Equal(("en", "en.json"), (Text(language["languageTag"]), Text(language["file"])));
        Assert.StartsWith("Begeleidt", Text(manifest["description"]!["short"]), StringComparison.Ordinal);
        Assert.StartsWith("Runs", Text(english["description.short"]), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Text(english["description.full"])));
        Assert.Equal("StuyfBot", Text(english["name.short"]));
        foreach (var (list, i) in CommandLists().Select((l, i) => (l, i)))
        {
            foreach (var (command, j) in list["commands"]!.AsArray().Select((c, j) => (c!, j)))
            {
                var translated = Text(english[$"bots[0].commandLists[{i}].commands[{j}].description"]);
                Assert.False(string.IsNullOrWhiteSpace(translated), $"no English for command {j} of list {i}");
                Assert.NotEqual(Text(command["description"]), translated);
            }
        }
    }

    [Fact]
    public void The_icons_have_the_sizes_teams_requires_and_the_outline_is_transparent()
    {
        var files = packed.Files();

        Assert.Equal((192, 192, true), PngHeader(files["color.png"]));
        Assert.Equal((32, 32, true), PngHeader(files["outline.png"]));
    }

    [Fact]
    public async Task The_written_zip_passes_the_package_check()
    {
        var result = await PackScript.RunAsync(["--check", packed.ZipPath]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is a valid Teams app package", result.Output, StringComparison.Ordinal);
        Assert.Contains("outline.png: outline icon 32x32, white on transparent", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_with_invalid_fields_fails_validation_and_writes_no_package()
    {
        var work = Directory.CreateTempSubdirectory("stuyfbot-manifest-broken-");
        try
        {
            var template = JsonNode.Parse(await File.ReadAllTextAsync(PackScript.TemplatePath))!.AsObject();
            template["accentColor"] = "oranje";
            template["bots"]![0]!["scopes"]!.AsArray().Add("meeting");
            var broken = Path.Combine(work.FullName, "broken.json");
            await File.WriteAllTextAsync(broken, template.ToJsonString());
            var output = Path.Combine(work.FullName, "out");

            var result = await PackScript.RunAsync(["--app-id", PackedApp.BotAppId, "--template", broken, "--out", output]);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("The Teams app package is INVALID (2 problems)", result.Error, StringComparison.Ordinal);
            Assert.Contains("manifest.json: /accentColor must match pattern", result.Error, StringComparison.Ordinal);
            Assert.Contains("manifest.json: /bots/0/scopes/3 must be equal to one of the allowed values", result.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "stuyfbot.zip")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_package_whose_outline_icon_has_the_wrong_size_fails_the_check()
    {
        var work = Directory.CreateTempSubdirectory("stuyfbot-manifest-icon-");
        try
        {
            var files = packed.Files();
            var zipPath = Path.Combine(work.FullName, "wrong-outline.zip");
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                foreach (var (name, bytes) in files)
                {
                    await using var entry = zip.CreateEntry(name).Open();
                    await entry.WriteAsync(name == "outline.png" ? files["color.png"] : bytes);
                }
            }

            var result = await PackScript.RunAsync(["--check", zipPath]);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("outline.png: the outline icon is 192x192; Teams requires 32x32", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_bot_app_id_comes_from_configuration_and_the_manifest_id_follows_from_it()
    {
        const string configured = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        var work = Directory.CreateTempSubdirectory("stuyfbot-manifest-env-");
        try
        {
            var packedFromEnvironment = await PackScript.RunAsync(["--out", work.FullName], new Dictionary<string, string> { ["Bot__AppId"] = configured });
            var sameAppId = await PackScript.RunAsync(["--validate-only", "--app-id", configured]);
            var otherAppId = await PackScript.RunAsync(["--validate-only", "--app-id", PackedApp.BotAppId]);

            Assert.True(packedFromEnvironment.ExitCode == 0, packedFromEnvironment.ToString());
            var manifest = JsonNode.Parse(PackedApp.ReadZip(Path.Combine(work.FullName, "stuyfbot.zip"))["manifest.json"])!;
            Assert.Equal(configured, Text(manifest["bots"]![0]!["botId"]));
            var derivedId = Text(manifest["id"]);
            Assert.Matches(GuidPattern(), derivedId);
            Assert.NotEqual(configured, derivedId);
            Assert.Equal(derivedId, ManifestIdIn(sameAppId));
            Assert.NotEqual(derivedId, ManifestIdIn(otherAppId));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Packing_without_a_bot_app_id_stops_with_a_clear_message()
    {
        var result = await PackScript.RunAsync(["--out", Path.Combine(Path.GetTempPath(), "stuyfbot-never-written")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("the bot app id is missing: pass --app-id GUID or set Bot__AppId", result.Error, StringComparison.Ordinal);
    }

    private List<JsonNode> CommandLists() =>
        [.. packed.Json("manifest.json")["bots"]![0]!["commandLists"]!.AsArray().Select(l => l!)];

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    private static List<string> Texts(JsonNode? array) => [.. array!.AsArray().Select(Text)];

    private static List<string> Titles(JsonNode list) => [.. list["commands"]!.AsArray().Select(c => Text(c!["title"]))];

    private static string ManifestIdIn(StuyfBot.Testing.NodeScriptResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return ManifestIdLine().Match(result.Output).Groups[1].Value;
    }

    /// <summary>Width, height and whether the colour type has an alpha channel, from the PNG's IHDR chunk.</summary>
    private static (int Width, int Height, bool HasAlpha) PngHeader(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a], png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        var colorType = png[25];
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), colorType is 4 or 6);
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("manifest id ([0-9a-f-]{36})")]
    private static partial Regex ManifestIdLine();
}
