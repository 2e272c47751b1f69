using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// Who may do what, and when: the one place the session's rules are written. The decider applies
/// only what these rules allow, and the card shows a person only the buttons these rules allow.
/// </summary>
public static class SessionRules
{
    public const int MaxTitleLength = 100;

    /// <summary>Why <paramref name="actor"/> may not do <paramref name="command"/> now; null when allowed.</summary>
    public static RefusalReason? Refusal(Session? state, SessionCommand command, string actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (command)
        {
            case Start start:
                return TooLong(start.Title) ? RefusalReason.TitleTooLong
                    : state?.Status == SessionStatus.Open ? RefusalReason.AlreadyOpen
                    : null;
            case Plan plan:
                return TooLong(plan.Title) ? RefusalReason.TitleTooLong
                    : state?.Status switch
                    {
                        SessionStatus.Open => RefusalReason.AlreadyOpen,
                        SessionStatus.Planned => RefusalReason.AlreadyPlanned,
                        _ => null,
                    };
        }

        if (state is null)
        {
            return RefusalReason.NoSession;
        }

        if (command is RecordCard)
        {
            return null;
        }

        if (state.Status == SessionStatus.Closed)
        {
            return RefusalReason.SessionClosed;
        }

        // A planned session can only be started (above) or cancelled by its moderator.
        if (state.Status == SessionStatus.Planned && command is not (RequestClose or ConfirmClose or CancelClose))
        {
            return RefusalReason.NotOpenYet;
        }

        // Finding the actor scans the participants, and a person's card asks about every
        // participant (whom may they hand over to?): only the commands that need it look.
        var moderator = state.IsModerator(actor);
        Participant? Me() => state.Find(actor);
        bool Here() => Me()?.IsHere() == true;
        return command switch
        {
            CheckIn checkIn => Me() is { } me && me.IsHere() && me.Presence == PresenceFor(checkIn.Mode) ? RefusalReason.AlreadyCheckedIn : null,
            Leave => Here() ? null : RefusalReason.NotPresent,
            TakeRole take => !Here() ? RefusalReason.NotPresent
                : state.HolderOf(take.Role) is not { } holder ? null
                : holder == actor ? RefusalReason.AlreadyYourRole
                : RefusalReason.RoleTaken,
            ReturnRole give => state.HolderOf(give.Role) == actor ? null : RefusalReason.NotYourRole,
            AssignRole assign => !moderator ? RefusalReason.OnlyModerator : TargetRefusal(state, assign),
            UnassignRole unassign => !moderator ? RefusalReason.OnlyModerator
                : state.HolderOf(unassign.Role) is null ? RefusalReason.RoleAlreadyFree
                : null,
            DivideRoles => !moderator ? RefusalReason.OnlyModerator
                : !state.FreeRoles().Any() ? RefusalReason.NoFreeRoles
                : Candidates(state).Count == 0 ? RefusalReason.NobodyAvailable
                : null,
            HandOverModeration handOver => !moderator ? RefusalReason.OnlyModerator
                : handOver.Target == actor ? RefusalReason.AlreadyModerator
                : !state.IsHere(handOver.Target) ? RefusalReason.TargetNotPresent
                : null,
            TakeOverModeration => !Here() ? RefusalReason.NotPresent
                : moderator ? RefusalReason.AlreadyModerator
                : state.IsHere(state.Moderator) ? RefusalReason.ModeratorStillHere
                : null,
            OptOut => Me() is not { } me || !me.IsHere() ? RefusalReason.NotPresent : me.OptedOut ? RefusalReason.AlreadyOptedOut : null,
            OptIn => Me() is not { } me || !me.IsHere() ? RefusalReason.NotPresent : !me.OptedOut ? RefusalReason.NotOptedOut : null,
            RequestClose => !moderator ? RefusalReason.OnlyModerator : null,
            ConfirmClose or CancelClose => !moderator ? RefusalReason.OnlyModerator
                : !state.ClosePending ? RefusalReason.NoCloseRequested
                : null,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown session command."),
        };
    }

    /// <summary>
    /// Who may get a role when the roles are divided: everyone here who did not say "niet deze
    /// keer". Listeners are candidates too, behind everyone present (see <see cref="RoleDivider"/>).
    /// </summary>
    public static IReadOnlyList<RoleCandidate> Candidates(Session state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return
        [
            .. state.Participants
                .Where(p => p.IsHere() && !p.OptedOut)
                .Select(p => new RoleCandidate(
                    p.Key, p.Name, p.Presence == Presence.Listening,
                    state.RolesOf(p.Key).Count() + (state.IsModerator(p.Key) ? 1 : 0))),
        ];
    }

    public static Presence PresenceFor(CheckInMode mode) =>
        mode == CheckInMode.Listening ? Presence.Listening : Presence.Present;

    /// <summary>The title as kept: trimmed, and null when empty.</summary>
    public static string? NormalizeTitle(string? title) => string.IsNullOrWhiteSpace(title) ? null : title.Trim();

    private static bool TooLong(string? title) => NormalizeTitle(title)?.Length > MaxTitleLength;

    private static RefusalReason? TargetRefusal(Session state, AssignRole assign)
    {
        var target = state.Find(assign.Target);
        return target is null || !target.IsHere() ? RefusalReason.TargetNotPresent
            : target.OptedOut ? RefusalReason.TargetOptedOut
            : state.HolderOf(assign.Role) == assign.Target ? RefusalReason.TargetHoldsRole
            : null;
    }
}
