using System.Text.Json;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Testing;

namespace StuyfBot.Dialogs.Tests.Sessions;

public sealed class StartRequestTests
{
    [Theory]
    [InlineData("start connectortafel", SessionKind.Connectortafel, null)]
    [InlineData("  Start Connectortafel  ", SessionKind.Connectortafel, null)]
    [InlineData("start een connectortafel", SessionKind.Connectortafel, null)]
    [InlineData("start connector tafel Wijkcentrum Noord", SessionKind.Connectortafel, "Wijkcentrum Noord")]
    [InlineData("start connectortafel: Ondernemen in Kortrijk", SessionKind.Connectortafel, "Ondernemen in Kortrijk")]
    [InlineData("start connectortafel - dinsdag", SessionKind.Connectortafel, "dinsdag")]
    [InlineData("start a connector table", SessionKind.Connectortafel, null)]
    [InlineData("start open huys", SessionKind.OpenHuys, null)]
    [InlineData("start openhuys", SessionKind.OpenHuys, null)]
    [InlineData("start open huis", SessionKind.OpenHuys, null)]
    [InlineData("START OPEN HOUSE Tuesday evening", SessionKind.OpenHuys, "Tuesday evening")]
    [InlineData("start an open house", SessionKind.OpenHuys, null)]
    public void A_typed_start_gives_the_kind_and_the_title(string text, SessionKind kind, string? title)
    {
        Assert.Equal(new StartRequest(kind, title), StartRequest.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("start")]
    [InlineData("start sessie")]
    [InlineData("start open huysje")]
    [InlineData("herstart connectortafel")]
    [InlineData("connectortafel")]
    [InlineData("help")]
    public void Anything_else_is_no_start(string? text)
    {
        Assert.Null(StartRequest.Parse(text));
    }

    [Fact]
    public void The_start_commands_in_the_teams_command_menu_are_understood()
    {
        using var commands = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Manifest, "commands.json")));

        var starts = commands.RootElement.GetProperty("commands").EnumerateArray()
            .Select(c => c.GetProperty("title").GetString()!)
            .Where(t => t.StartsWith("start", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, starts.Count);
        Assert.Equal(
            [SessionKind.OpenHuys, SessionKind.Connectortafel],
            starts.Select(t => StartRequest.Parse(t)!.Kind).Order());
    }
}
