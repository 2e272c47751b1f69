using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// What the bot keeps of one conversation's sessions: where to post (the conversation), the
/// language of the shared card (the starter's), the current session, and the recent closed
/// sessions the role rotation learns from.
/// </summary>
public sealed record ConversationSessions(
    ConversationReference Conversation,
    string? Locale,
    Session? Current,
    ImmutableList<Session> Past)
{
    /// <summary>How many closed sessions are kept for the rotation ("who served least recently").</summary>
    public const int PastKept = 12;

    public static DocumentKind<ConversationSessions> Kind { get; } =
        new("conversation-sessions", 1, SessionsJsonContext.Default.ConversationSessions);

    /// <summary>A closed current session moves to the past (the newest first), so a new one can start.</summary>
    public ConversationSessions WithClosedMovedToPast() =>
        Current is { Status: SessionStatus.Closed } closed
            ? this with { Current = null, Past = Past.Insert(0, closed).Take(PastKept).ToImmutableList() }
            : this;

    /// <summary>The current session, or a recent one, with this id.</summary>
    public Session? Find(string sessionId) =>
        Current?.Id == sessionId ? Current : Past.Find(s => s.Id == sessionId);
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationSessions))]
public sealed partial class SessionsJsonContext : JsonSerializerContext;
