using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// Whether a person belongs to a group conversation, from its roster in Teams (pagedmembers,
/// page by page). A 1:1 card names its group in its data, which the person could change: before
/// the bot acts on it for them, this checks they are in that group. Rosters are kept for
/// <see cref="MembershipOptions.CacheFor"/>, and callers asking at once share one read.
/// </summary>
public sealed partial class ConversationMembership
{
    /// <summary>How many groups' rosters are kept in memory (the oldest go first).</summary>
    internal const int RostersKept = 256;

    private readonly IConversationClient _conversations;
    private readonly TimeProvider _time;
    private readonly MembershipOptions _options;
    private readonly ILogger<ConversationMembership> _log;
    private readonly ConcurrentDictionary<string, Task<Roster>> _rosters = new(StringComparer.Ordinal);

    public ConversationMembership(IConversationClient conversations, TimeProvider time, IOptions<MembershipOptions> options, ILogger<ConversationMembership> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _conversations = conversations;
        _time = time;
        _options = options.Value;
        _log = log;
    }

    /// <summary>
    /// True when <paramref name="userId"/> (the Teams user id, as in an activity's from.id) is a
    /// member of <paramref name="group"/>. Pass the group's stored reference, never one made from
    /// card data: its serviceUrl is where the roster is read. Throws
    /// <see cref="ConnectorException"/> when Teams cannot tell.
    /// </summary>
    public async Task<bool> IsMemberAsync(ConversationReference group, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var roster = await RosterAsync(group, _options.CacheFor, cancellationToken).ConfigureAwait(false);
        if (roster.Members.Contains(userId))
        {
            return true;
        }

        if (_time.GetElapsedTime(roster.ReadAt) < _options.RecheckAfter)
        {
            return false;
        }

        roster = await RosterAsync(group, _options.RecheckAfter, cancellationToken).ConfigureAwait(false);
        return roster.Members.Contains(userId);
    }

    /// <summary>The group's roster, read at most <paramref name="maxAge"/> ago.</summary>
    private async Task<Roster> RosterAsync(ConversationReference group, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var key = group.ConversationId;
        while (true)
        {
            _rosters.TryGetValue(key, out var known);
            if (known is not null && (!known.IsCompleted || (known.IsCompletedSuccessfully && _time.GetElapsedTime(known.Result.ReadAt) < maxAge)))
            {
                return await known.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var reading = new TaskCompletionSource<Roster>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = known is null ? _rosters.TryAdd(key, reading.Task) : _rosters.TryUpdate(key, reading.Task, known);
            if (!mine)
            {
                continue; // Someone else started a read just now: share theirs.
            }

            Forget();
            _ = ReadAsync(group, reading);
            return await reading.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(ConversationReference group, TaskCompletionSource<Roster> reading)
    {
        try
        {
            // Not the caller's token: the read is shared, and one caller giving up must not fail the others.
            var members = await _conversations.GetAllMembersAsync(group.ServiceUrl, group.ConversationId, CancellationToken.None).ConfigureAwait(false);
            var ids = members.Select(m => m.Id).OfType<string>().ToFrozenSet(StringComparer.Ordinal);
            LogRosterRead(ids.Count);
            reading.SetResult(new Roster(ids, _time.GetTimestamp()));
        }
        catch (Exception ex)
        {
            // A failed read is not kept: the next question asks Teams again.
            _rosters.TryRemove(new KeyValuePair<string, Task<Roster>>(group.ConversationId, reading.Task));
            reading.SetException(ex);
        }
    }

    /// <summary>Keeps memory bounded: past <see cref="RostersKept"/> groups, the oldest rosters go.</summary>
    private void Forget()
    {
        var excess = _rosters.Count - RostersKept;
        if (excess <= 0)
        {
            return;
        }

        foreach (var (key, roster) in _rosters.Where(r => r.Value.IsCompletedSuccessfully).OrderBy(r => r.Value.Result.ReadAt).Take(excess).ToList())
        {
            _rosters.TryRemove(new KeyValuePair<string, Task<Roster>>(key, roster));
        }
    }

    /// <summary>The member ids of a group, and when they were read (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record Roster(FrozenSet<string> Members, long ReadAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read a group's roster: {Count} members")]
    private partial void LogRosterRead(int count);
}
