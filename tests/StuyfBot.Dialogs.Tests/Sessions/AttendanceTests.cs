using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>Checking in, listening, leaving, "niet deze keer", and moderation changing hands.</summary>
public sealed class AttendanceTests
{
    [Fact]
    public void People_check_in_present_or_listening_in_the_order_they_arrive()
    {
        var session = WithPeople();

        Assert.Equal(
            [(An.Key, Presence.Present), (Bart.Key, Presence.Present), (Carla.Key, Presence.Present), (Dirk.Key, Presence.Listening)],
            session.Participants.Select(p => (p.Key, p.Presence)));
        Assert.Equal("Dirk", session.Find(Dirk.Key)!.Name);
        Assert.Equal(Now, session.Find(Dirk.Key)!.CheckedInAt);
    }

    [Fact]
    public void Checking_in_twice_the_same_way_is_refused_but_switching_is_fine()
    {
        var session = WithPeople();

        AssertRefused(session, new CheckIn(CheckInMode.Present), Bart, RefusalReason.AlreadyCheckedIn);
        AssertRefused(session, new CheckIn(CheckInMode.Listening), Dirk, RefusalReason.AlreadyCheckedIn);
        var switched = session.Then(new CheckIn(CheckInMode.Listening), Bart).Then(new CheckIn(CheckInMode.Present), Dirk);

        Assert.Equal(Presence.Listening, switched.Find(Bart.Key)!.Presence);
        Assert.Equal(Presence.Present, switched.Find(Dirk.Key)!.Presence);
        Assert.Equal(4, switched.Participants.Count);
    }

    [Fact]
    public void A_new_display_name_is_kept_when_checking_in_again()
    {
        var session = WithPeople().Then(new CheckIn(CheckInMode.Present), Dirk with { Name = "Dirk V." });

        Assert.Equal("Dirk V.", session.Find(Dirk.Key)!.Name);
    }

    [Fact]
    public void Leaving_frees_the_roles_and_coming_back_is_possible()
    {
        var session = WithPeople().Then(new TakeRole(Role.Timekeeper), Bart).Then(new TakeRole(Role.ChatScribe), Bart);

        var left = Accept(session, new Leave(), Bart);

        Assert.Equal(Presence.Left, left.State.Find(Bart.Key)!.Presence);
        Assert.Equal(RoleList.All, left.State.FreeRoles());
        Assert.Equal([new RoleFreed(Role.Timekeeper, Bart.Key), new RoleFreed(Role.ChatScribe, Bart.Key), new CardChanged()], left.Events);
        AssertRefused(left.State, new Leave(), Bart, RefusalReason.NotPresent);
        AssertRefused(session, new Leave(), Eva, RefusalReason.NotPresent);

        var back = left.State.Then(new CheckIn(CheckInMode.Listening), Bart);
        Assert.Equal(Presence.Listening, back.Find(Bart.Key)!.Presence);
        Assert.Equal(Now, back.Find(Bart.Key)!.CheckedInAt);
    }

    [Fact]
    public void When_the_moderator_leaves_the_card_says_so_and_anyone_here_can_take_over()
    {
        var pending = WithPeople().Then(new RequestClose(), An);

        var left = Accept(pending, new Leave(), An);

        Assert.True(left.State.ModeratorHasLeft());
        Assert.False(left.State.ClosePending);
        Assert.Equal(An.Key, left.State.Moderator);
        Assert.Contains(new ModeratorLeft(An.Key), left.Events);
        AssertRefused(left.State, new TakeOverModeration(), Eva, RefusalReason.NotPresent);

        var takenOver = Accept(left.State, new TakeOverModeration(), Dirk);
        Assert.Equal(Dirk.Key, takenOver.State.Moderator);
        Assert.False(takenOver.State.ModeratorHasLeft());
        Assert.Equal([new ModeratorChanged(An.Key, Dirk.Key), new CardChanged()], takenOver.Events);
        AssertRefused(takenOver.State, new TakeOverModeration(), Bart, RefusalReason.ModeratorStillHere);
        AssertRefused(takenOver.State, new TakeOverModeration(), Dirk, RefusalReason.AlreadyModerator);
    }

    [Fact]
    public void Moderation_cannot_be_taken_over_while_the_moderator_is_here()
    {
        var session = WithPeople();

        AssertRefused(session, new TakeOverModeration(), Bart, RefusalReason.ModeratorStillHere);
        AssertRefused(session, new TakeOverModeration(), An, RefusalReason.AlreadyModerator);
    }

    [Fact]
    public void A_moderator_who_comes_back_before_anyone_took_over_moderates_again()
    {
        var back = WithPeople().Then(new Leave(), An).Then(new CheckIn(CheckInMode.Present), An);

        Assert.False(back.ModeratorHasLeft());
        Assert.Equal(An.Key, back.Moderator);
    }

    [Fact]
    public void The_moderator_hands_moderation_to_someone_who_is_here()
    {
        var pending = WithPeople().Then(new RequestClose(), An);

        var handed = Accept(pending, new HandOverModeration(Dirk.Key), An);

        Assert.Equal(Dirk.Key, handed.State.Moderator);
        Assert.False(handed.State.ClosePending);
        Assert.Equal([new ModeratorChanged(An.Key, Dirk.Key), new CardChanged()], handed.Events);
        AssertRefused(handed.State, new HandOverModeration(Bart.Key), An, RefusalReason.OnlyModerator);
    }

    [Fact]
    public void Moderation_goes_only_to_someone_else_who_is_here()
    {
        var session = WithPeople().Then(new Leave(), Carla);

        AssertRefused(session, new HandOverModeration(Carla.Key), An, RefusalReason.TargetNotPresent);
        AssertRefused(session, new HandOverModeration(Eva.Key), An, RefusalReason.TargetNotPresent);
        AssertRefused(session, new HandOverModeration(An.Key), An, RefusalReason.AlreadyModerator);
        AssertRefused(session, new HandOverModeration(Dirk.Key), Bart, RefusalReason.OnlyModerator);
    }

    [Fact]
    public void Niet_deze_keer_gives_back_the_roles_and_can_be_undone()
    {
        var session = WithPeople().Then(new TakeRole(Role.MethodicalSupporter), Carla);

        var optedOut = Accept(session, new OptOut(), Carla);

        Assert.True(optedOut.State.Find(Carla.Key)!.OptedOut);
        Assert.Null(optedOut.State.HolderOf(Role.MethodicalSupporter));
        Assert.Equal([new RoleFreed(Role.MethodicalSupporter, Carla.Key), new CardChanged()], optedOut.Events);
        AssertRefused(optedOut.State, new OptOut(), Carla, RefusalReason.AlreadyOptedOut);

        var optedIn = optedOut.State.Then(new OptIn(), Carla);
        Assert.False(optedIn.Find(Carla.Key)!.OptedOut);
        AssertRefused(optedIn, new OptIn(), Carla, RefusalReason.NotOptedOut);
    }

    [Fact]
    public void Niet_deze_keer_needs_a_check_in_first()
    {
        var session = WithPeople().Then(new Leave(), Bart);

        AssertRefused(session, new OptOut(), Eva, RefusalReason.NotPresent);
        AssertRefused(session, new OptOut(), Bart, RefusalReason.NotPresent);
        AssertRefused(session, new OptIn(), Eva, RefusalReason.NotPresent);
    }

    [Fact]
    public void The_moderator_may_say_niet_deze_keer_for_the_other_roles_and_stays_moderator()
    {
        var session = WithPeople().Then(new OptOut(), An);

        Assert.Equal(An.Key, session.Moderator);
        Assert.True(session.Find(An.Key)!.OptedOut);
    }
}
