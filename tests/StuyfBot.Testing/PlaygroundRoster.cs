using System.Text;
using System.Text.Json;

namespace StuyfBot.Testing;

/// <summary>
/// A custom mock tenant for the Agents Playground (the file M365_AGENTS_PLAYGROUND_CONFIG_PATH
/// points to, schema version 0.1.1). The playground wants exactly five users besides the current
/// user, one group chat holding everyone, and one team with at most one channel besides General.
/// Ids are free-form: Teams-like ids ("29:...", "19:...@thread.v2") make the bot URL-encode them.
/// </summary>
public sealed record PlaygroundRoster(
    string TenantId,
    PlaygroundBot Bot,
    PlaygroundUser CurrentUser,
    IReadOnlyList<PlaygroundUser> Users,
    string PersonalChatId,
    PlaygroundChat GroupChat,
    string TeamId,
    string TeamName,
    string TeamAadGroupId,
    PlaygroundChat Channel)
{
    /// <summary>How many users besides the current user the playground accepts (no more, no fewer).</summary>
    public const int OtherUsers = 5;

    /// <summary>
    /// Six people of a Stuyfplek: An (who types in the playground) and five others, all in the
    /// "Open huys" group chat and the "Stuyfplek Kortrijk" team with a "Connectortafel" channel.
    /// </summary>
    public static PlaygroundRoster Stuyfplek { get; } = new(
        TenantId: "7d1b2f0e-4c3a-4b8e-9f6d-5a2c1e0b9d47",
        Bot: new PlaygroundBot("28:2c8e0f4a-9b1d-4e7a-8c3f-6d5b4a3e2f10", "StuyfBot"),
        CurrentUser: Person("1", "An", "Peeters"),
        Users:
        [
            Person("2", "Jef", "Claes"),
            Person("3", "Fatima", "El Amrani"),
            Person("4", "Lotte", "Vermeulen"),
            Person("5", "Koen", "De Smet"),
            Person("6", "Sofie", "Janssens"),
        ],
        PersonalChatId: "a:1stuyf-personal-an-peeters",
        GroupChat: new PlaygroundChat("19:stuyf-open-huys@thread.v2", "Open huys Kortrijk"),
        TeamId: "19:stuyfplek-kortrijk@thread.tacv2",
        TeamName: "Stuyfplek Kortrijk",
        TeamAadGroupId: "0b6e7c1d-2a3f-4e5b-8c9d-1f2e3d4c5b6a",
        Channel: new PlaygroundChat("19:connectortafel@thread.tacv2", "Connectortafel"));

    /// <summary>The roster as the playground's YAML config file (LF line endings on every OS).</summary>
    public string ToYaml()
    {
        if (Users.Count != OtherUsers)
        {
            throw new InvalidOperationException($"The playground accepts exactly {OtherUsers} users besides the current user; this roster has {Users.Count}.");
        }

        var yaml = new StringBuilder()
            .AppendLine("# A mock tenant for the Microsoft 365 Agents Playground (written by PlaygroundRoster.ToYaml).")
            .AppendLine("version: \"0.1.1\"")
            .AppendLine("tenantId: " + Quote(TenantId))
            .AppendLine("bot:")
            .AppendLine("  id: " + Quote(Bot.Id))
            .AppendLine("  name: " + Quote(Bot.Name))
            .AppendLine("currentUser:");
        AppendUser(yaml, CurrentUser, "  ");
        yaml.AppendLine("users:");
        foreach (var user in Users)
        {
            AppendUser(yaml, user, "  - ", "    ");
        }

        return yaml
            .AppendLine("personalChat:")
            .AppendLine("  id: " + Quote(PersonalChatId))
            .AppendLine("groupChat:")
            .AppendLine("  id: " + Quote(GroupChat.Id))
            .AppendLine("  name: " + Quote(GroupChat.Name))
            .AppendLine("team:")
            .AppendLine("  id: " + Quote(TeamId))
            .AppendLine("  name: " + Quote(TeamName))
            .AppendLine("  aadGroupId: " + Quote(TeamAadGroupId))
            .AppendLine("  channels:")
            .AppendLine("    - id: " + Quote(Channel.Id))
            .AppendLine("      name: " + Quote(Channel.Name))
            .ToString()
            .ReplaceLineEndings("\n");
    }

    private static PlaygroundUser Person(string number, string givenName, string surname)
    {
        var handle = (givenName + "." + surname).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return new PlaygroundUser(
            Id: "29:1stuyf-" + handle.Replace('.', '-'),
            Name: givenName + " " + surname,
            GivenName: givenName,
            Surname: surname,
            Email: handle + "@stuyfplek.example",
            AadObjectId: "00000000-0000-4000-8000-00000000000" + number,
            UserPrincipalName: handle + "@stuyfplek.example");
    }

    private static void AppendUser(StringBuilder yaml, PlaygroundUser user, string first, string? rest = null)
    {
        rest ??= first;
        yaml.AppendLine(first + "id: " + Quote(user.Id))
            .AppendLine(rest + "name: " + Quote(user.Name))
            .AppendLine(rest + "userPrincipleName: " + Quote(Required(user.UserPrincipalName, user, "userPrincipalName")))
            .AppendLine(rest + "aadObjectId: " + Quote(Required(user.AadObjectId, user, "aadObjectId")))
            .AppendLine(rest + "givenName: " + Quote(Required(user.GivenName, user, "givenName")))
            .AppendLine(rest + "surname: " + Quote(Required(user.Surname, user, "surname")))
            .AppendLine(rest + "email: " + Quote(Required(user.Email, user, "email")));
    }

    private static string Required(string? value, PlaygroundUser user, string field) =>
        string.IsNullOrEmpty(value) ? throw new InvalidOperationException($"The playground requires {field} for {user.Name}.") : value;

    // A JSON string is a valid YAML double-quoted scalar: ids with ':' or '@' stay strings.
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
