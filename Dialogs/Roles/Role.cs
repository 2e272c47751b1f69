namespace StuyfBot.Dialogs.Roles;

/// <summary>
/// The roles that are divided among the people at a session. Moderation is not one of them: the
/// starter moderates and hands it over explicitly (see the session's moderator).
/// </summary>
public enum Role
{
    /// <summary>Tijdwaarnemer: keeps each pitch and its feedback within its time.</summary>
    Timekeeper,

    /// <summary>Chatverzamelaar: collects tips, contacts, links and next steps from the chat.</summary>
    ChatScribe,

    /// <summary>Methodisch ondersteuner: watches the method, helps a pitcher phrase the question.</summary>
    MethodicalSupporter,
}

public static class RoleList
{
    /// <summary>Every role in a fixed order: the order of the card and of the announcement.</summary>
    public static IReadOnlyList<Role> All { get; } = [Role.Timekeeper, Role.ChatScribe, Role.MethodicalSupporter];
}
