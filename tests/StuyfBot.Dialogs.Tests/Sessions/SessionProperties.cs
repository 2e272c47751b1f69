using FsCheck;
using FsCheck.Fluent;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>Random walks of commands by random people keep the session's invariants.</summary>
public sealed class SessionProperties
{
    private static readonly Actor[] People = [An, Bart, Carla, Dirk, Eva];

    [Fact]
    public void Role_holders_are_always_here_and_the_moderator_of_an_opened_session_checked_in()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk =>
        {
            foreach (var state in States(walk))
            {
                var holdersHere = state.RoleHolders.Values.All(state.IsHere);
                var moderatorKnown = state.OpenedAt is null || state.Find(state.Moderator) is not null;
                var noPendingWhenClosed = state.Status != SessionStatus.Closed || !state.ClosePending;
                var loggedHolders = state.RoleHolders.All(h => state.RoleLog.Contains(new RoleService(h.Key, h.Value)));
                if (!(holdersHere && moderatorKnown && noPendingWhenClosed && loggedHolders))
                {
                    return false.Label($"broken after {walk.Count} steps: {state}");
                }
            }

            return true.ToProperty();
        }).VerifyProperty();
    }

    [Fact]
    public void Verdeel_de_rollen_never_gives_a_role_to_someone_absent_or_who_said_niet_deze_keer()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk =>
            States(walk).All(state =>
            {
                if (Decide(state, new DivideRoles(), Find(state.Moderator)) is not Accepted accepted)
                {
                    return true;
                }

                var given = Assert.IsType<RolesDivided>(accepted.Events[0]).Assignments;
                return given.Count == state.FreeRoles().Count()
                    && given.All(a => state.Find(a.Person) is { OptedOut: false } p && p.IsHere())
                    && accepted.State.FreeRoles().Any() == false;
            })).VerifyProperty();
    }

    [Fact]
    public void The_permissions_are_exactly_what_the_decider_accepts()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk =>
            States(walk).All(state => People.All(person =>
            {
                var may = SessionPermissions.For(state, person.Key);
                bool Accepts(SessionCommand command) => Decide(state, command, person) is Accepted;
                return may.CheckIn == Accepts(new CheckIn(CheckInMode.Present))
                    && may.Listen == Accepts(new CheckIn(CheckInMode.Listening))
                    && may.Leave == Accepts(new Leave())
                    && may.OptOut == Accepts(new OptOut())
                    && may.OptIn == Accepts(new OptIn())
                    && may.DivideRoles == Accepts(new DivideRoles())
                    && may.TakeOver == Accepts(new TakeOverModeration())
                    && may.ConfirmClose == Accepts(new ConfirmClose())
                    && may.ConfirmClose == Accepts(new CancelClose())
                    && may.RequestClose == (Accepts(new RequestClose()) && !state.ClosePending)
                    && may.TakeRoles.SequenceEqual(RoleList.All.Where(r => Accepts(new TakeRole(r))))
                    && may.ReturnRoles.SequenceEqual(RoleList.All.Where(r => Accepts(new ReturnRole(r))))
                    && may.UnassignRoles.SequenceEqual(RoleList.All.Where(r => Accepts(new UnassignRole(r))))
                    && may.HandOverTargets.Select(p => p.Key).SequenceEqual(state.Participants.Select(p => p.Key).Where(k => Accepts(new HandOverModeration(k))))
                    && may.AssignTargets.Select(p => p.Key).SequenceEqual(
                        state.Participants.Select(p => p.Key).Where(k => RoleList.All.Any(r => Accepts(new AssignRole(r, k)))))
                    && may.Start == (state.Status == SessionStatus.Planned);
            }))).VerifyProperty();
    }

    [Fact]
    public void A_refusal_never_changes_the_state_and_a_closed_session_stays_closed()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk =>
        {
            Session? state = null;
            foreach (var (command, who) in walk)
            {
                var decision = Decide(state, command, ActorFor(state, who));
                if (decision is Refused refused && !ReferenceEquals(refused.State, state))
                {
                    return false;
                }

                if (decision is Accepted accepted)
                {
                    var reopened = state?.Status == SessionStatus.Closed && accepted.State.Id == state.Id && accepted.State.Status != SessionStatus.Closed;
                    if (reopened)
                    {
                        return false;
                    }

                    state = accepted.State;
                }
            }

            return true;
        }).VerifyProperty();
    }

    private static Actor Find(string key) => People.Single(p => p.Key == key);

    /// <summary>Who acts: one of the people, or (for <see cref="People"/>.Length) the current moderator.</summary>
    private static Actor ActorFor(Session? state, int who) =>
        who < People.Length ? People[who] : state is null ? People[0] : Find(state.Moderator);

    /// <summary>Every state a walk passes through (accepted steps only).</summary>
    private static List<Session> States(IReadOnlyList<(SessionCommand Command, int Who)> walk)
    {
        var states = new List<Session>();
        Session? state = null;
        foreach (var (command, who) in walk)
        {
            if (Decide(state, command, ActorFor(state, who)) is Accepted accepted)
            {
                state = accepted.State;
                states.Add(state);
            }
        }

        return states;
    }

    /// <summary>A start or plan, then up to 60 random commands by random people or the moderator (many are refused).</summary>
    private static Gen<IReadOnlyList<(SessionCommand Command, int Who)>> Walks()
    {
        var person = Gen.Elements(People);
        var role = Gen.Elements(RoleList.All.ToArray());
        SessionCommand Fixed(SessionCommand c) => c;
        var command = Gen.Frequency(
            (6, Gen.Elements(CheckInMode.Present, CheckInMode.Present, CheckInMode.Listening).Select(m => Fixed(new CheckIn(m)))),
            (1, Gen.Constant(Fixed(new Leave()))),
            (3, role.Select(r => Fixed(new TakeRole(r)))),
            (1, role.Select(r => Fixed(new ReturnRole(r)))),
            (3, from r in role from p in person select Fixed(new AssignRole(r, p.Key))),
            (1, role.Select(r => Fixed(new UnassignRole(r)))),
            (3, Gen.Constant(Fixed(new DivideRoles()))),
            (1, person.Select(p => Fixed(new HandOverModeration(p.Key)))),
            (1, Gen.Constant(Fixed(new TakeOverModeration()))),
            (2, Gen.Elements(Fixed(new OptOut()), Fixed(new OptIn()))),
            (1, Gen.Elements(Fixed(new RequestClose()), Fixed(new CancelClose()), Fixed(new ConfirmClose()))),
            (1, Gen.Elements(Fixed(new RecordCard("card")), Fixed(new Start("s9", SessionKind.OpenHuys, null, Conversation)))));
        var who = Gen.Choose(0, People.Length);
        var step = from c in command from w in who select (Command: c, Who: w);
        var start = from planned in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
                    from w in who
                    select (Command: planned ? Fixed(new Plan("s1", SessionKind.Connectortafel, "t", Conversation)) : new Start("s1", SessionKind.Connectortafel, "t", Conversation), Who: w);
        return from first in start
               from length in Gen.Choose(0, 60)
               from rest in Gen.ListOf(step, length)
               select (IReadOnlyList<(SessionCommand, int)>)[first, .. rest];
    }
}
