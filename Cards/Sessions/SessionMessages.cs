using StuyfBot.Cards.Localization;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Sessions;

/// <summary>Someone @mentioned in a message: the Bot adds a mention entity per person, with this text.</summary>
public sealed record Mention(string PersonKey, string Name)
{
    public string Text => $"<at>{Name}</at>";
}

/// <summary>A chat message (Markdown) and who it @mentions.</summary>
public sealed record Announcement(string Text, IReadOnlyList<Mention> Mentions);

/// <summary>The session's chat messages: friendly refusals and announcements, in the reader's language.</summary>
public static class SessionMessages
{
    /// <summary>
    /// Why a session or round command was refused, kindly; nothing changed. A text that is too
    /// long names its limit (<see cref="Refused.Limit"/>; a title's is <see cref="SessionRules.MaxTitleLength"/>).
    /// (For AlreadyOpen the Bot can also point at the open session's card: <see cref="Refused.State"/> holds it.)
    /// </summary>
    public static string Refusal(Text text, Refused refused)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(refused);
        var key = $"Refusal{refused.Reason}";
        return refused switch
        {
            { Limit: { } limit } => text.Format(key, limit),
            { Reason: RefusalReason.TitleTooLong } => text.Format(key, SessionRules.MaxTitleLength),
            _ => text[key],
        };
    }

    /// <summary>The message to post for an event, or null when the updated card says enough.</summary>
    public static Announcement? For(Text text, SessionEvent sessionEvent, Session state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        return sessionEvent switch
        {
            RolesDivided divided => RolesDivided(text, divided.Assignments),
            RoleGiven { ByModerator: true } given => WithMention(
                text, state, given.Person, m => text.Format("SessionRoleAssigned", m.Text, SessionCard.RoleName(text, given.Role))),
            ModeratorChanged changed => WithMention(text, state, changed.To, m => text.Format("SessionModeratorChanged", m.Text)),
            ModeratorLeft => new Announcement(text["SessionModeratorLeftNotice"], []),
            _ => null,
        };
    }

    /// <summary>Who does what after "Verdeel de rollen", and why, with @mentions.</summary>
    public static Announcement RolesDivided(Text text, IReadOnlyList<RoleAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(assignments);
        var lines = assignments.Select(a => text.Format(
            "SessionAssignmentLine", SessionCard.RoleName(text, a.Role), new Mention(a.Person, a.Name).Text, Reason(text, a.Reason)));
        var mentions = assignments.Select(a => new Mention(a.Person, a.Name)).Distinct().ToList();
        return new Announcement(string.Join("\n\n", lines.Prepend(text["SessionRolesDivided"])), mentions);
    }

    /// <summary>The reason for one assignment, as the announcement tells it.</summary>
    public static string Reason(Text text, AssignmentReason reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(reason);
        var parts = new List<string>
        {
            reason.LastServedAnyRole is null ? text["ReasonNeverAnyRole"]
                : reason.LastServedRole is { } when ? text.Format("ReasonLastServed", when)
                : text["ReasonNeverThisRole"],
        };
        if (reason.Listener)
        {
            parts.Add(text["ReasonListener"]);
        }

        if (reason.SecondRole)
        {
            parts.Add(text["ReasonSecondRole"]);
        }

        if (reason.SameAsLastTime)
        {
            parts.Add(text["ReasonSameAsLastTime"]);
        }

        return string.Join("; ", parts);
    }

    private static Announcement WithMention(Text text, Session state, string person, Func<Mention, string> message)
    {
        var mention = new Mention(person, state.Find(person)?.Name is { Length: > 0 } name ? name : text["RoleModerator"]);
        return new Announcement(message(mention), [mention]);
    }
}
