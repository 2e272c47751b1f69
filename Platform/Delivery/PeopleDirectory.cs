using System.Collections.Concurrent;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Delivery;

/// <summary>
/// The people the bot can reach in a 1:1 chat, stored under <c>people/{tenantHash}/{userHash}.json</c>.
/// Remembering is idempotent and cheap after the first time: this process keeps the set of
/// references it has already stored, so ordinary turns never touch storage.
/// </summary>
public sealed class PeopleDirectory
{
    /// <summary>A bound on the in-memory set; when reached it starts over (it is only a shortcut).</summary>
    private const int MaxRemembered = 100_000;

    private readonly StateStore _state;
    private readonly KeyedHashProvider _hashes;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Reach, byte> _stored = new();

    public PeopleDirectory(StateStore state, KeyedHashProvider hashes, TimeProvider time)
    {
        _state = state;
        _hashes = hashes;
        _time = time;
    }

    /// <summary>
    /// Stores the person's conversation reference unless this process stored the same one before.
    /// Returns true when storage was written.
    /// </summary>
    public async ValueTask<bool> RememberAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var userId = reference.User?.Id;
        if (string.IsNullOrEmpty(userId))
        {
            return false;
        }

        var memo = new Reach(reference.TenantId, userId, reference.ServiceUrl, reference.ConversationId, reference.ChannelId, reference.Bot?.Id, reference.Locale);
        if (_stored.ContainsKey(memo))
        {
            return false;
        }

        var key = StateKeys.Person(await _hashes.GetAsync(cancellationToken).ConfigureAwait(false), reference.TenantId, userId);
        var now = _time.GetUtcNow();
        var committed = await _state.UpdateAsync(key, PersonRecord.Kind, stored => Decide(stored, reference, now), cancellationToken).ConfigureAwait(false);
        if (_stored.Count >= MaxRemembered)
        {
            _stored.Clear();
        }

        _stored.TryAdd(memo, 0);
        return committed.Written;
    }

    /// <summary>The stored record of a person, or null when they never wrote to the bot 1:1.</summary>
    public async Task<PersonRecord?> FindAsync(string? tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = StateKeys.Person(await _hashes.GetAsync(cancellationToken).ConfigureAwait(false), tenantId, userId);
        return (await _state.ReadAsync(key, PersonRecord.Kind, cancellationToken).ConfigureAwait(false))?.Value;
    }

    /// <summary>What makes a stored reference current (<see cref="PersonRecord.Reaches"/>), as a cheap in-memory key.</summary>
    private readonly record struct Reach(string? TenantId, string UserId, string ServiceUrl, string ConversationId, string ChannelId, string? BotId, string? Locale);

    /// <summary>First contact stores the reference; a changed conversation (reinstall, new locale) replaces it.</summary>
    internal static (PersonRecord? State, bool Changed) Decide(PersonRecord? stored, ConversationReference reference, DateTimeOffset now) =>
        stored is null ? (new PersonRecord(reference, now, now), true)
        : stored.Reaches(reference) ? (stored, false)
        : (stored with { Reference = reference, Changed = now }, true);
}
