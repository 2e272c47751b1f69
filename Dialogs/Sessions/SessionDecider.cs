using StuyfBot.Dialogs.Roles;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// The one pure entry point of sessions: (state, command, actor, now, history) -&gt; decision.
/// <see cref="SessionRules"/> decides whether; this class only applies what is allowed.
/// </summary>
public static class SessionDecider
{
    /// <param name="state">The conversation's current session (null: none yet; a closed one is history).</param>
    /// <param name="command">What the actor asks.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="now">The time of the turn (from the Bot's TimeProvider).</param>
    /// <param name="history">Earlier sessions' roles, for "Verdeel de rollen" (see <see cref="SessionHistory"/>).</param>
    public static Decision Decide(Session? state, SessionCommand command, Actor actor, DateTimeOffset now, RoleHistory history)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(history);
        if (SessionRules.Refusal(state, command, actor.Key) is { } reason)
        {
            return new Refused(reason, state);
        }

        return command switch
        {
            Start start => StartSession(state, start, actor, now),
            Plan plan => PlanSession(plan, actor, now),
            _ => Apply(state!, command, actor, now, history),
        };
    }

    private static Accepted StartSession(Session? state, Start start, Actor actor, DateTimeOffset now)
    {
        var title = SessionRules.NormalizeTitle(start.Title);
        var opened = state is { Status: SessionStatus.Planned } planned
            ? planned with { Kind = start.Kind, Title = title ?? planned.Title, Moderator = actor.Key, ClosePending = false }
            : new Session
            {
                Id = start.SessionId,
                Kind = start.Kind,
                Title = title,
                Status = SessionStatus.Planned,
                ConversationKey = start.ConversationKey,
                CreatedAt = now,
                Moderator = actor.Key,
            };
        opened = CheckIn(opened with { Status = SessionStatus.Open, OpenedAt = now }, actor, Presence.Present, now);
        return new Accepted(opened, [new SessionStarted(opened)]);
    }

    private static Accepted PlanSession(Plan plan, Actor actor, DateTimeOffset now)
    {
        var planned = new Session
        {
            Id = plan.SessionId,
            Kind = plan.Kind,
            Title = SessionRules.NormalizeTitle(plan.Title),
            Status = SessionStatus.Planned,
            ConversationKey = plan.ConversationKey,
            CreatedAt = now,
            PlannedFor = plan.StartsAt,
            Moderator = actor.Key,
        };
        return new Accepted(planned, [new SessionPlanned(planned)]);
    }

    private static Accepted Apply(Session state, SessionCommand command, Actor actor, DateTimeOffset now, RoleHistory history)
    {
        var me = actor.Key;
        return command switch
        {
            RecordCard card => new Accepted(state with { CardActivityId = card.ActivityId }, []),
            CheckIn checkIn => Changed(CheckIn(state, actor, SessionRules.PresenceFor(checkIn.Mode), now)),
            Leave => LeaveSession(state, me),
            TakeRole take => Changed(
                Give(UpdateParticipant(state, me, p => p with { OptedOut = false }), take.Role, me),
                new RoleGiven(take.Role, me, null, ByModerator: false)),
            ReturnRole give => Changed(Free(state, give.Role), new RoleFreed(give.Role, me)),
            AssignRole assign => Changed(
                Give(state, assign.Role, assign.Target),
                new RoleGiven(assign.Role, assign.Target, state.HolderOf(assign.Role), ByModerator: true)),
            UnassignRole unassign => Changed(Free(state, unassign.Role), new RoleFreed(unassign.Role, state.HolderOf(unassign.Role)!)),
            DivideRoles => Divide(state, history),
            HandOverModeration handOver => Changed(
                state with { Moderator = handOver.Target, ClosePending = false },
                new ModeratorChanged(me, handOver.Target)),
            TakeOverModeration => Changed(state with { Moderator = me }, new ModeratorChanged(state.Moderator, me)),
            OptOut => OptOutOf(state, me),
            OptIn => Changed(UpdateParticipant(state, me, p => p with { OptedOut = false })),
            RequestClose => Changed(state with { ClosePending = true }),
            CancelClose => Changed(state with { ClosePending = false }),
            ConfirmClose => Close(state, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown session command."),
        };
    }

    private static Accepted LeaveSession(Session state, string me)
    {
        var (left, freed) = FreeRolesOf(UpdateParticipant(state, me, p => p with { Presence = Presence.Left }), me);
        return state.IsModerator(me)
            ? Changed(left with { ClosePending = false }, [.. freed, new ModeratorLeft(me)])
            : Changed(left, freed);
    }

    private static Accepted Divide(Session state, RoleHistory history)
    {
        var assignments = RoleDivider.Divide(state.Id, state.FreeRoles(), SessionRules.Candidates(state), history);
        var divided = assignments.Aggregate(state, (s, a) => Give(s, a.Role, a.Person));
        return Changed(divided, new RolesDivided(assignments));
    }

    private static Accepted OptOutOf(Session state, string me)
    {
        var (optedOut, freed) = FreeRolesOf(UpdateParticipant(state, me, p => p with { OptedOut = true }), me);
        return Changed(optedOut, freed);
    }

    private static Accepted Close(Session state, DateTimeOffset now)
    {
        // The round ends with the session: its timer stops, so no reminder of it fires afterwards.
        var closed = state with { Status = SessionStatus.Closed, ClosedAt = now, ClosePending = false, Round = state.Round.Ended(now) };
        return Changed(closed, new SessionClosed(closed));
    }

    private static Accepted Changed(Session state, params IEnumerable<SessionEvent> events) =>
        new(state, [.. events, new CardChanged()]);

    private static Session CheckIn(Session state, Actor actor, Presence presence, DateTimeOffset now) =>
        state.Find(actor.Key) is null
            ? state with { Participants = state.Participants.Add(new Participant(actor.Key, actor.Name, presence, now)) }
            : UpdateParticipant(state, actor.Key, p => p with { Name = actor.Name, Presence = presence });

    private static Session UpdateParticipant(Session state, string person, Func<Participant, Participant> change)
    {
        var index = state.Participants.FindIndex(p => p.Key == person);
        return state with { Participants = state.Participants.SetItem(index, change(state.Participants[index])) };
    }

    private static Session Give(Session state, Role role, string person)
    {
        var service = new RoleService(role, person);
        return state with
        {
            RoleHolders = state.RoleHolders.SetItem(role, person),
            RoleLog = state.RoleLog.Contains(service) ? state.RoleLog : state.RoleLog.Add(service),
        };
    }

    private static Session Free(Session state, Role role) => state with { RoleHolders = state.RoleHolders.Remove(role) };

    private static (Session State, IReadOnlyList<SessionEvent> Freed) FreeRolesOf(Session state, string person)
    {
        var roles = state.RolesOf(person).ToList();
        return (roles.Aggregate(state, Free), [.. roles.Select(r => new RoleFreed(r, person))]);
    }
}
