using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StuyfBot.Dialogs.Roles;

/// <summary>Someone who may get a role when the roles are divided.</summary>
/// <param name="Key">The person's opaque key.</param>
/// <param name="Name">The display name (for the announcement).</param>
/// <param name="Listening">Checked in with "Ik luister mee" rather than "Ik ben er".</param>
/// <param name="RolesHeld">How many roles the person holds already (moderation counts).</param>
public sealed record RoleCandidate(string Key, string Name, bool Listening, int RolesHeld);

/// <summary>One role given to one person, with the reason the announcement tells.</summary>
public sealed record RoleAssignment(Role Role, string Person, string Name, AssignmentReason Reason);

/// <summary>Why this person got this role.</summary>
/// <param name="LastServedRole">When the person last served this role (null: never).</param>
/// <param name="LastServedAnyRole">When the person last served any role (null: never).</param>
public sealed record AssignmentReason(DateTimeOffset? LastServedRole, DateTimeOffset? LastServedAnyRole)
{
    /// <summary>The person only listens, but everyone present already had a role.</summary>
    public bool Listener { get; init; }

    /// <summary>The person now holds more than one role: there are fewer people than roles.</summary>
    public bool SecondRole { get; init; }

    /// <summary>The person held this role in the previous session too: nobody else could take it.</summary>
    public bool SameAsLastTime { get; init; }
}

/// <summary>
/// Divides the free roles fairly, in two steps: first who gets a role, then which role each gets.
/// The rules, strongest first:
/// <list type="number">
/// <item>Only the candidates get roles (the caller passes the people who checked in and did not
/// say "niet deze keer").</item>
/// <item>One role per person: whoever holds the fewest roles is next in line, so nobody gets a
/// second role while someone else has none. Listeners ("Ik luister mee") chose to listen: they
/// come after everyone present who has no role yet, but before anyone gets a second role.</item>
/// <item>Within that, who served any role least recently goes first (never is least recent);
/// between people who last served in the same session, who served fewer times, so the counts
/// stay even.</item>
/// <item>The roles are then matched to the people chosen: nobody gets the role they held in the
/// previous session when the matching can avoid it; if it cannot, the next in line takes that
/// place; only when nobody else can does someone get the same role twice in a row (and the
/// reason says so). Among the rest, each gets the roles they served fewest times and least
/// recently, so everyone comes round to every role.</item>
/// <item>Remaining ties: a hash of the seed (the session id) and the person (or the matching), so
/// the order is not always alphabetical, yet always the same for the same input.</item>
/// </list>
/// </summary>
public static class RoleDivider
{
    public static IReadOnlyList<RoleAssignment> Divide(
        string seed, IEnumerable<Role> freeRoles, IReadOnlyList<RoleCandidate> candidates, RoleHistory history)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(freeRoles);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(history);
        var roles = RoleList.All.Intersect(freeRoles).ToList();
        if (roles.Count == 0 || candidates.Count == 0)
        {
            return [];
        }

        var slots = ChooseWho(seed, roles.Count, candidates, history);
        var people = slots.Select(s => s.Person).ToList();
        var matched = Match(seed, people, roles, history);
        for (var i = 0; i < slots.Count; i++)
        {
            if (!history.HeldLastTime(matched[i].Person.Key, matched[i].Role))
            {
                continue;
            }

            // A repeat the matching cannot avoid: the next in line at that place takes it instead.
            foreach (var other in slots[i].Line.Where(c => !people.Contains(c)))
            {
                List<RoleCandidate> trial = [.. people[..i], other, .. people[(i + 1)..]];
                var rematched = Match(seed, trial, roles, history);
                if (Repeats(rematched, history) < Repeats(matched, history))
                {
                    (people, matched) = (trial, rematched);
                    break;
                }
            }
        }

        var held = candidates.ToDictionary(c => c.Key, c => c.RolesHeld + people.Count(p => p.Key == c.Key), StringComparer.Ordinal);
        return [.. matched.OrderBy(m => m.Role).Select(m => Assignment(m.Role, m.Person, held[m.Person.Key], history))];
    }

    /// <summary>One place to fill: who fills it, and who else was in line for it (best first).</summary>
    private sealed record Slot(RoleCandidate Person, IReadOnlyList<RoleCandidate> Line);

    private static List<Slot> ChooseWho(string seed, int places, IReadOnlyList<RoleCandidate> candidates, RoleHistory history)
    {
        var load = candidates.ToDictionary(c => c.Key, c => c.RolesHeld, StringComparer.Ordinal);
        var slots = new List<Slot>();
        for (var i = 0; i < places; i++)
        {
            var level = candidates.Select(c => (Load: load[c.Key], c.Listening)).Min();
            var line = candidates
                .Where(c => (load[c.Key], c.Listening) == level)
                .OrderBy(c => history.LastServedAnyRole(c.Key) ?? DateTimeOffset.MinValue)
                .ThenBy(c => history.TimesServedAnyRole(c.Key))
                .ThenBy(c => TieBreak(seed, c.Key))
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .ToList();
            slots.Add(new Slot(line[0], line));
            load[line[0].Key]++;
        }

        return slots;
    }

    /// <summary>The roles given to these people in the best order (there are at most 3! orders to try).</summary>
    private static List<(Role Role, RoleCandidate Person)> Match(string seed, List<RoleCandidate> people, List<Role> roles, RoleHistory history) =>
        Permutations(roles)
            .Select(order => order.Zip(people, (role, person) => (Role: role, Person: person)).ToList())
            .OrderBy(m => Repeats(m, history))
            .ThenBy(m => m.Sum(p => history.TimesServed(p.Person.Key, p.Role)))
            .ThenBy(m => m.Max(p => history.LastServedRole(p.Person.Key, p.Role) ?? DateTimeOffset.MinValue))
            .ThenBy(m => TieBreak(seed, string.Join('\n', m.Select(p => $"{p.Person.Key}={p.Role}"))))
            .First();

    private static int Repeats(List<(Role Role, RoleCandidate Person)> matched, RoleHistory history) =>
        matched.Count(m => history.HeldLastTime(m.Person.Key, m.Role));

    private static IEnumerable<List<Role>> Permutations(List<Role> roles) =>
        roles.Count <= 1
            ? [roles]
            : roles.SelectMany(first => Permutations([.. roles.Where(r => r != first)]).Select(rest => (List<Role>)[first, .. rest]));

    private static RoleAssignment Assignment(Role role, RoleCandidate person, int rolesHeld, RoleHistory history) =>
        new(role, person.Key, person.Name, new AssignmentReason(
            history.LastServedRole(person.Key, role), history.LastServedAnyRole(person.Key))
        {
            Listener = person.Listening,
            SecondRole = rolesHeld > 1,
            SameAsLastTime = history.HeldLastTime(person.Key, role),
        });

    /// <summary>A stable pseudo-random rank: string.GetHashCode differs per process, SHA-256 does not.</summary>
    private static ulong TieBreak(string seed, string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{value}"), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
