using System.Text.Json.Serialization;

namespace StuyfBot.Testing;

/// <summary>
/// A person in the playground's mock tenant (as GET /_internal/v1/config and the roster file
/// spell it: the playground writes "userPrincipleName").
/// </summary>
public sealed record PlaygroundUser(
    string Id,
    string Name,
    string? GivenName = null,
    string? Surname = null,
    string? Email = null,
    string? AadObjectId = null,
    [property: JsonPropertyName("userPrincipleName")] string? UserPrincipalName = null);

public sealed record PlaygroundBot(string Id, string Name);

public sealed record PlaygroundChat(string Id, string Name);

public sealed record PlaygroundGroupChat(string Id, string Name, IReadOnlyList<string> Members);

public sealed record PlaygroundChannel(string Id, string Name, string? ChannelType);

public sealed record PlaygroundTeam(string Id, string Name, string? AadGroupId, IReadOnlyList<PlaygroundChannel> Channels, IReadOnlyList<string> Members);

/// <summary>The kinds of conversation the playground simulates.</summary>
public enum PlaygroundConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>
/// The playground's mock tenant: the bot's identity, the people, the personal chat, the group
/// chat and the team with its channels (GET /_internal/v1/config, "config" part).
/// </summary>
public sealed record PlaygroundConfig(
    string TenantId,
    PlaygroundBot Bot,
    PlaygroundUser CurrentUser,
    IReadOnlyList<PlaygroundUser> Users,
    PlaygroundChat PersonalChat,
    IReadOnlyList<PlaygroundGroupChat> GroupChats,
    IReadOnlyList<PlaygroundTeam> Teams)
{
    /// <summary>Everyone: the current user (who "types" in the playground) first, then the others.</summary>
    public IReadOnlyList<PlaygroundUser> People => [CurrentUser, .. Users];

    public PlaygroundGroupChat GroupChat => GroupChats[0];

    public PlaygroundTeam Team => Teams[0];

    /// <summary>The General channel: its conversation id is the team id.</summary>
    public PlaygroundChannel GeneralChannel => Team.Channels[0];

    public PlaygroundUser Person(string id) =>
        People.FirstOrDefault(p => p.Id == id) ?? throw new ArgumentException($"No person with id {id} in the playground's tenant.", nameof(id));

    /// <summary>
    /// How the playground names a 1:1 chat it makes when the bot asks for one (POST v3/conversations
    /// for another person than the current user): "{guid}@test.user" (its Chat class).
    /// </summary>
    public const string CreatedPersonalChatSuffix = "@test.user";

    /// <summary>
    /// The kind of a conversation id: the personal chat (the current user's, or one the bot made
    /// with someone else), the group chat, a channel, or a channel thread (the channel id followed
    /// by ";messageid=...").
    /// </summary>
    public PlaygroundConversationKind KindOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (conversationId == PersonalChat.Id || conversationId.EndsWith(CreatedPersonalChatSuffix, StringComparison.Ordinal))
        {
            return PlaygroundConversationKind.Personal;
        }

        if (GroupChats.Any(g => g.Id == conversationId))
        {
            return PlaygroundConversationKind.GroupChat;
        }

        var channelId = ChannelOf(conversationId);
        return Teams.Any(t => t.Channels.Any(c => c.Id == channelId))
            ? PlaygroundConversationKind.Channel
            : throw new ArgumentException($"Conversation {conversationId} is not one of the playground's.", nameof(conversationId));
    }

    /// <summary>The channel of a channel conversation or thread id.</summary>
    public static string ChannelOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var thread = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        return thread < 0 ? conversationId : conversationId[..thread];
    }
}
