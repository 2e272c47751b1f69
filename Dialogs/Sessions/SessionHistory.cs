using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

public static class SessionHistory
{
    /// <summary>
    /// The role history of a Stuyfplek from its earlier sessions (the caller picks which sessions
    /// belong to the Stuyfplek). Only sessions that were open and are closed count; each counts
    /// on the day it opened; everyone who held a role in it served that role; the previous holder
    /// of a role is who held it at the end of the last session (or last took it, if it was free then).
    /// </summary>
    public static RoleHistory RoleHistoryOf(IEnumerable<Session> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return earlier
            .Where(s => s is { Status: SessionStatus.Closed, OpenedAt: not null })
            .OrderBy(s => s.ClosedAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Aggregate(RoleHistory.Empty, (history, s) => history.After(s.OpenedAt!.Value, s.RoleLog, FinalHolders(s)));
    }

    private static Dictionary<Role, string> FinalHolders(Session session)
    {
        var holders = new Dictionary<Role, string>(session.RoleHolders);
        foreach (var service in session.RoleLog)
        {
            if (!session.RoleHolders.ContainsKey(service.Role))
            {
                holders[service.Role] = service.Person;
            }
        }

        return holders;
    }
}
