using System.Collections.Immutable;

namespace StuyfBot.Dialogs.Roles;

/// <summary>
/// Who served which role in the earlier sessions of the same Stuyfplek: per person and role the
/// last time they served it and how often, and who held each role in the previous session.
/// </summary>
public sealed record RoleHistory
{
    public static RoleHistory Empty { get; } = new();

    /// <summary>The day each person last served each role (absent: never).</summary>
    public ImmutableDictionary<RoleService, DateTimeOffset> LastServed { get; init; } =
        ImmutableDictionary<RoleService, DateTimeOffset>.Empty;

    /// <summary>How many sessions each person served each role in (absent: none).</summary>
    public ImmutableDictionary<RoleService, int> Counts { get; init; } = ImmutableDictionary<RoleService, int>.Empty;

    /// <summary>Who held each role in the previous session (absent: nobody).</summary>
    public ImmutableDictionary<Role, string> PreviousHolders { get; init; } = ImmutableDictionary<Role, string>.Empty;

    /// <summary>When this person last served this role; null if never.</summary>
    public DateTimeOffset? LastServedRole(string person, Role role) =>
        LastServed.TryGetValue(new RoleService(role, person), out var when) ? when : null;

    /// <summary>When this person last served any role; null if never.</summary>
    public DateTimeOffset? LastServedAnyRole(string person)
    {
        DateTimeOffset? latest = null;
        foreach (var role in RoleList.All)
        {
            if (LastServedRole(person, role) is { } when && (latest is null || when > latest))
            {
                latest = when;
            }
        }

        return latest;
    }

    public int TimesServed(string person, Role role) => Counts.GetValueOrDefault(new RoleService(role, person));

    public int TimesServedAnyRole(string person) => RoleList.All.Sum(r => TimesServed(person, r));

    public bool HeldLastTime(string person, Role role) =>
        PreviousHolders.TryGetValue(role, out var holder) && holder == person;

    /// <summary>This history plus one session on <paramref name="when"/>, which becomes the previous session.</summary>
    /// <param name="when">The day of that session.</param>
    /// <param name="served">Everyone who served a role in it.</param>
    /// <param name="finalHolders">Who held each role at its end (the "previous holder" for the next session).</param>
    public RoleHistory After(DateTimeOffset when, IEnumerable<RoleService> served, IReadOnlyDictionary<Role, string> finalHolders)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(finalHolders);
        var lastServed = LastServed.ToBuilder();
        var counts = Counts.ToBuilder();
        foreach (var service in served.Distinct())
        {
            if (!lastServed.TryGetValue(service, out var earlier) || earlier < when)
            {
                lastServed[service] = when;
            }

            counts[service] = counts.GetValueOrDefault(service) + 1;
        }

        return new RoleHistory
        {
            LastServed = lastServed.ToImmutable(),
            Counts = counts.ToImmutable(),
            PreviousHolders = finalHolders.ToImmutableDictionary(),
        };
    }
}

/// <summary>One person serving one role (in a session, or in the history).</summary>
public sealed record RoleService(Role Role, string Person);
