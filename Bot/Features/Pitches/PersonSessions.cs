using System.Collections.Concurrent;
using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Bot.Features.Pitches;

/// <summary>
/// The sessions a person can send a question for from their 1:1 chat: the planned (or already
/// started) sessions of the groups they are in. The tenant's <see cref="PlannedSessionIndex"/>
/// says which groups have one; each group's own sessions document says whether it still does,
/// and its roster whether the person is in it (<see cref="ConversationMembership"/>).
/// </summary>
public sealed partial class PersonSessions
{
    /// <summary>Groups checked at once: a tenant with many planned sessions answers in a few round trips, without flooding Teams.</summary>
    private const int Parallelism = 4;

    private readonly PlannedSessionIndex _index;
    private readonly ConversationSessionStore _sessions;
    private readonly ConversationMembership _membership;
    private readonly ILogger<PersonSessions> _log;

    public PersonSessions(PlannedSessionIndex index, ConversationSessionStore sessions, ConversationMembership membership, ILogger<PersonSessions> log)
    {
        _index = index;
        _sessions = sessions;
        _membership = membership;
        _log = log;
    }

    /// <summary>
    /// The person's planned and open sessions, the soonest first. A group whose roster Teams cannot
    /// give now is left out (and logged) rather than failing the whole answer. Entries of sessions
    /// that started without a plan, closed, or were replaced are pruned from the index on the way.
    /// </summary>
    public async Task<IReadOnlyList<Session>> ForAsync(string? tenantId, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var index = await _index.ReadAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var found = new ConcurrentBag<Session>();
        var stale = new ConcurrentBag<PlannedEntry>();
        await Parallel.ForEachAsync(
            index.Entries,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                var sessions = await _sessions.ReadAsync(entry.ConversationId, token).ConfigureAwait(false);
                if (sessions?.Current is not { Status: SessionStatus.Planned or SessionStatus.Open } current || current.Id != entry.SessionId)
                {
                    stale.Add(entry);
                    return;
                }

                try
                {
                    if (await _membership.IsMemberAsync(sessions.Conversation, userId, token).ConfigureAwait(false))
                    {
                        found.Add(current);
                    }
                }
                catch (ConnectorException ex)
                {
                    LogRosterUnavailable(current.Id, ex.StatusCode?.ToString(), ex);
                }
            }).ConfigureAwait(false);

        if (!stale.IsEmpty)
        {
            await _index.RemoveAsync(tenantId, [.. stale], cancellationToken).ConfigureAwait(false);
        }

        return [.. found.OrderBy(s => s.PlannedFor ?? s.OpenedAt ?? s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the roster of the group of session {SessionId} ({Status}); it is left out of the person's choice")]
    private partial void LogRosterUnavailable(string sessionId, string? status, Exception exception);
}
