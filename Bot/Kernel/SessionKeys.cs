using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// The session kernel's blob layout (next to the platform's, <see cref="StateKeys"/>):
/// <code>
/// sessions/{sessionId}/head.json            the session head (conditional replace)
/// sessions/{sessionId}/items/{itemId}.json  append-only records (create-only, by activity id)
/// conversations/{conversationHash}/sessions.json  a conversation's current and recent sessions
/// conversations/planned/{tenantHash}.json   which conversations of a tenant have a planned session
/// </code>
/// </summary>
public static class SessionKeys
{
    public const string SessionsPrefix = "sessions/";
    public const string ConversationsPrefix = "conversations/";

    /// <summary>
    /// The sessions of one conversation (a Stuyfplek's chat or channel): the current session and
    /// the recent closed ones the role rotation learns from. One document, so "one open session
    /// per conversation" is decided under one ETag.
    /// </summary>
    public static string ConversationSessions(KeyedHash hash, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return $"{ConversationsPrefix}{hash.Of("conversation\n" + conversationId)}/sessions.json";
    }

    /// <summary>
    /// The index of a tenant's conversations with a planned session, so a person who asks for the
    /// pitch card in a 1:1 chat finds the groups to check (docs/pitches.md). "planned" is no hash
    /// (those are 32 hex digits), so it never meets a conversation's folder.
    /// </summary>
    public static string PlannedSessions(KeyedHash hash, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return $"{ConversationsPrefix}planned/{hash.Of("tenant\n" + tenantId)}.json";
    }

    public static string SessionHead(string sessionId) => $"{SessionsPrefix}{StateKeys.Segment(sessionId)}/head.json";

    public static string SessionItem(string sessionId, string itemId) => $"{SessionItems(sessionId)}{StateKeys.Segment(itemId)}.json";

    /// <summary>The listing prefix of a session's records.</summary>
    public static string SessionItems(string sessionId) => $"{SessionsPrefix}{StateKeys.Segment(sessionId)}/items/";
}
