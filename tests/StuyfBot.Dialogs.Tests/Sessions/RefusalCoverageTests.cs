using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Tests.Pitches;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>Every refusal reason is reachable, refuses, and changes nothing.</summary>
public sealed class RefusalCoverageTests
{
    public static TheoryData<RefusalReason, Session?, SessionCommand, Actor> Cases()
    {
        var open = WithPeople();
        var closed = open.Then(new RequestClose(), An).Then(new ConfirmClose(), An);
        var full = open.Then(new DivideRoles(), An);
        var bartTimekeeper = open.Then(new TakeRole(Role.Timekeeper), Bart);
        var carlaOut = open.Then(new OptOut(), Carla);
        var alone = Opened().Then(new OptOut(), An);
        return new()
        {
            { RefusalReason.NoSession, null, new Leave(), An },
            { RefusalReason.AlreadyOpen, open, new Start("s2", SessionKind.OpenHuys, null, Conversation), Bart },
            { RefusalReason.AlreadyPlanned, Planned(), new Plan("p2", SessionKind.OpenHuys, null, Conversation), Bart },
            { RefusalReason.TitleTooLong, null, new Start("s1", SessionKind.OpenHuys, new string('t', 101), Conversation), An },
            { RefusalReason.NotOpenYet, Planned(), new CheckIn(CheckInMode.Present), Bart },
            { RefusalReason.SessionClosed, closed, new CheckIn(CheckInMode.Present), Eva },
            { RefusalReason.OnlyModerator, open, new DivideRoles(), Bart },
            { RefusalReason.NotPresent, open, new TakeRole(Role.Timekeeper), Eva },
            { RefusalReason.AlreadyCheckedIn, open, new CheckIn(CheckInMode.Present), Bart },
            { RefusalReason.RoleTaken, bartTimekeeper, new TakeRole(Role.Timekeeper), Carla },
            { RefusalReason.AlreadyYourRole, bartTimekeeper, new TakeRole(Role.Timekeeper), Bart },
            { RefusalReason.NotYourRole, bartTimekeeper, new ReturnRole(Role.Timekeeper), Carla },
            { RefusalReason.RoleAlreadyFree, open, new UnassignRole(Role.ChatScribe), An },
            { RefusalReason.TargetNotPresent, open, new AssignRole(Role.ChatScribe, Eva.Key), An },
            { RefusalReason.TargetOptedOut, carlaOut, new AssignRole(Role.ChatScribe, Carla.Key), An },
            { RefusalReason.TargetHoldsRole, bartTimekeeper, new AssignRole(Role.Timekeeper, Bart.Key), An },
            { RefusalReason.AlreadyModerator, open, new HandOverModeration(An.Key), An },
            { RefusalReason.ModeratorStillHere, open, new TakeOverModeration(), Carla },
            { RefusalReason.NoFreeRoles, full, new DivideRoles(), An },
            { RefusalReason.NobodyAvailable, alone, new DivideRoles(), An },
            { RefusalReason.AlreadyOptedOut, carlaOut, new OptOut(), Carla },
            { RefusalReason.NotOptedOut, open, new OptIn(), Carla },
            { RefusalReason.NoCloseRequested, open, new ConfirmClose(), An },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_refusal_changes_nothing(RefusalReason reason, Session? state, SessionCommand command, Actor actor)
    {
        AssertRefused(state, command, actor, reason);
    }

    /// <summary>
    /// One enum for both deciders: every reason the round's cases (<see cref="RoundRefusalCoverageTests"/>)
    /// leave out has a session case here.
    /// </summary>
    [Fact]
    public void Every_refusal_reason_has_a_case()
    {
        var covered = Cases().Select(row => (RefusalReason)row[0]).ToHashSet();
        var byRound = RoundRefusalCoverageTests.Cases().Select(row => (RefusalReason)row[0]).ToHashSet();

        Assert.Equal(Enum.GetValues<RefusalReason>().Except(byRound).ToHashSet(), covered.Except(byRound).ToHashSet());
    }
}
