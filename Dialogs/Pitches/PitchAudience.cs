using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// The facilitators of a session: the moderator and the methodisch ondersteuner, as they are at
/// that moment (so the summary of a closed session names the ones at its close). They guide the
/// pitch round, which is why a pitcher may choose to show a pitch to them only. The timekeeper and
/// the chat-scribe are participants with a task, not facilitators.
/// </summary>
public static class Facilitators
{
    public static IReadOnlyList<string> Of(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.HolderOf(Role.MethodicalSupporter) is { } supporter && supporter != session.Moderator
            ? [session.Moderator, supporter]
            : [session.Moderator];
    }

    public static bool Includes(Session session, string? person) => person is not null && Of(session).Contains(person);
}

/// <summary>
/// Who sees what of a pitch. Everything that shows a pitch (cards, messages, summaries) asks here.
/// <list type="bullet">
/// <item>Group: content and name for everyone.</item>
/// <item>Anonymous: content for everyone, the name for nobody (facilitators neither; the pitcher
/// sees "your pitch").</item>
/// <item>FacilitatorsOnly: content and name for the facilitators and the pitcher; the group only
/// learns that there is a pitch for the facilitators.</item>
/// </list>
/// </summary>
public static class PitchAudience
{
    /// <summary>Whether <paramref name="viewer"/> (null: the whole group) may read the pitch's content.</summary>
    public static bool CanSeeContent(Pitch pitch, Session session, string? viewer)
    {
        ArgumentNullException.ThrowIfNull(pitch);
        ArgumentNullException.ThrowIfNull(session);
        return pitch.Visibility != PitchVisibility.FacilitatorsOnly || IsInner(pitch, session, viewer);
    }

    /// <summary>Whether <paramref name="viewer"/> (null: the whole group) may see who pitched it.</summary>
    public static bool CanSeeAuthor(Pitch pitch, Session session, string? viewer)
    {
        ArgumentNullException.ThrowIfNull(pitch);
        ArgumentNullException.ThrowIfNull(session);
        return pitch.Visibility switch
        {
            PitchVisibility.Group => true,
            PitchVisibility.FacilitatorsOnly => IsInner(pitch, session, viewer),
            _ => false,
        };
    }

    private static bool IsInner(Pitch pitch, Session session, string? viewer) =>
        viewer is not null && (viewer == pitch.AuthorKey || Facilitators.Includes(session, viewer));
}
