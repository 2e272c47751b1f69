using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Bot.Kernel;

/// <summary>The session a 1:1 pitch card is about, or the text key of why the presser may not act on it.</summary>
public sealed record PersonalCardAccess(Session? Session, string? RefusalKey);

/// <summary>
/// A pitch card in a 1:1 chat names its group in its data, and anyone could forge that name: the
/// group's session must still be the card's, and the presser must be a member of the group (read
/// with the group's stored reference, never one made from card data).
/// </summary>
public sealed partial class PersonalCardGroup
{
    private readonly ConversationSessionStore _sessions;
    private readonly ConversationMembership _membership;
    private readonly ILogger<PersonalCardGroup> _log;

    public PersonalCardGroup(ConversationSessionStore sessions, ConversationMembership membership, ILogger<PersonalCardGroup> log)
    {
        _sessions = sessions;
        _membership = membership;
        _log = log;
    }

    public async Task<PersonalCardAccess> CheckAsync(string? groupId, string sessionId, string userId, CancellationToken cancellationToken)
    {
        var group = groupId is null ? null : await _sessions.ReadAsync(groupId, cancellationToken).ConfigureAwait(false);
        if (group?.Find(sessionId) is not { } session)
        {
            return new PersonalCardAccess(null, "SessionCardOutdated");
        }

        try
        {
            if (!await _membership.IsMemberAsync(group.Conversation, userId, cancellationToken).ConfigureAwait(false))
            {
                LogNotMember(session.Id);
                return new PersonalCardAccess(null, "PitchFormNotMember");
            }
        }
        catch (ConnectorException ex)
        {
            LogRosterUnavailable(session.Id, ex);
            return new PersonalCardAccess(null, "PitchFormTryAgain");
        }

        return new PersonalCardAccess(session, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A 1:1 pitch card of session {SessionId} was pressed by someone who is not in its group")]
    private partial void LogNotMember(string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the roster for session {SessionId}")]
    private partial void LogRosterUnavailable(string sessionId, Exception exception);
}
