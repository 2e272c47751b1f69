using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>One conversation with a planned session (no names: conversation and session ids only).</summary>
public sealed record PlannedEntry(string ConversationId, string SessionId, DateTimeOffset? StartsAt);

/// <summary>
/// A tenant's conversations with a planned session, oldest first, at most one entry per
/// conversation (a conversation has one current session). Entries whose session started,
/// closed or was replaced are pruned when the index is read (by the 1:1 pitch form's lookup of a person's sessions).
/// </summary>
public sealed record PlannedSessions(ImmutableList<PlannedEntry> Entries)
{
    /// <summary>A bound on the document; past it the oldest entries go (pruning keeps it far below).</summary>
    public const int MaxEntries = 500;

    public static PlannedSessions Empty { get; } = new(ImmutableList<PlannedEntry>.Empty);

    public static DocumentKind<PlannedSessions> Kind { get; } =
        new("planned-sessions", 1, PlannedSessionsJsonContext.Default.PlannedSessions);

    /// <summary>The index with this conversation's planned session (replacing an earlier entry of it).</summary>
    public PlannedSessions With(PlannedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var others = Entries.RemoveAll(e => e.ConversationId == entry.ConversationId);
        var all = others.Add(entry);
        return new PlannedSessions(all.Count > MaxEntries ? all.RemoveRange(0, all.Count - MaxEntries) : all);
    }

    /// <summary>The index without these entries; the same instance when none of them is in it.</summary>
    public PlannedSessions Without(IReadOnlyCollection<PlannedEntry> stale)
    {
        ArgumentNullException.ThrowIfNull(stale);
        var kept = Entries.RemoveAll(stale.Contains);
        return kept.Count == Entries.Count ? this : new PlannedSessions(kept);
    }
}

/// <summary>
/// Reads and writes a tenant's <see cref="PlannedSessions"/> under
/// <see cref="SessionKeys.PlannedSessions"/>. Written when a session is planned (rare), so one
/// document per tenant with If-Match is plenty.
/// </summary>
public sealed class PlannedSessionIndex
{
    private readonly StateStore _state;
    private readonly KeyedHashProvider _hashes;

    public PlannedSessionIndex(StateStore state, KeyedHashProvider hashes)
    {
        _state = state;
        _hashes = hashes;
    }

    public async Task AddAsync(string? tenantId, PlannedEntry entry, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await _state.UpdateAsync(key, PlannedSessions.Kind, stored => ((stored ?? PlannedSessions.Empty).With(entry), true), cancellationToken).ConfigureAwait(false);
    }

    public async Task<PlannedSessions> ReadAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return (await _state.ReadAsync(key, PlannedSessions.Kind, cancellationToken).ConfigureAwait(false))?.Value ?? PlannedSessions.Empty;
    }

    public async Task RemoveAsync(string? tenantId, IReadOnlyCollection<PlannedEntry> stale, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await _state.UpdateAsync(key, PlannedSessions.Kind, stored => (stored?.Without(stale), true), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> KeyAsync(string? tenantId, CancellationToken cancellationToken) =>
        SessionKeys.PlannedSessions(await _hashes.GetAsync(cancellationToken).ConfigureAwait(false), tenantId);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlannedSessions))]
public sealed partial class PlannedSessionsJsonContext : JsonSerializerContext;
