using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>The state machine: planned, open, closed and the moves between them.</summary>
public sealed class SessionLifecycleTests
{
    [Fact]
    public void Start_opens_a_session_moderated_by_the_starter_who_is_checked_in()
    {
        var accepted = Accept(null, new Start("s1", SessionKind.OpenHuys, "  Dinsdagavond ", Conversation), Bart);

        var session = accepted.State;
        Assert.Equal("s1", session.Id);
        Assert.Equal(SessionKind.OpenHuys, session.Kind);
        Assert.Equal("Dinsdagavond", session.Title);
        Assert.Equal(SessionStatus.Open, session.Status);
        Assert.Equal(Conversation, session.ConversationKey);
        Assert.Equal(Now, session.CreatedAt);
        Assert.Equal(Now, session.OpenedAt);
        Assert.Null(session.ClosedAt);
        Assert.Equal(Bart.Key, session.Moderator);
        var bart = Assert.Single(session.Participants);
        Assert.Equal(new Participant(Bart.Key, "Bart", Presence.Present, Now), bart);
        Assert.Empty(session.RoleHolders);
        Assert.Equal(RoleList.All, session.FreeRoles());
        Assert.Equal(new SessionStarted(session), Assert.Single(accepted.Events));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_title_is_no_title(string? title)
    {
        var session = Accept(null, new Start("s1", SessionKind.Connectortafel, title, Conversation), An).State;

        Assert.Null(session.Title);
    }

    [Fact]
    public void A_title_longer_than_the_limit_is_refused_and_one_at_the_limit_is_accepted()
    {
        var atLimit = new string('x', SessionRules.MaxTitleLength);

        AssertRefused(null, new Start("s1", SessionKind.OpenHuys, atLimit + "y", Conversation), An, RefusalReason.TitleTooLong);
        AssertRefused(null, new Plan("p1", SessionKind.OpenHuys, atLimit + "y", Conversation), An, RefusalReason.TitleTooLong);
        Assert.Equal(atLimit, Accept(null, new Start("s1", SessionKind.OpenHuys, atLimit, Conversation), An).State.Title);
    }

    [Fact]
    public void A_second_start_points_to_the_open_session_instead_of_making_another()
    {
        var open = Opened();

        var refused = Assert.IsType<Refused>(Decide(open, new Start("s2", SessionKind.OpenHuys, null, Conversation), Bart));

        Assert.Equal(RefusalReason.AlreadyOpen, refused.Reason);
        Assert.Same(open, refused.State);
        AssertRefused(open, new Plan("p2", SessionKind.OpenHuys, null, Conversation), Bart, RefusalReason.AlreadyOpen);
    }

    [Fact]
    public void After_a_session_closed_a_start_makes_a_new_one()
    {
        var closed = Opened().Then(new RequestClose(), An).Then(new ConfirmClose(), An);

        var next = Accept(closed, new Start("s2", SessionKind.OpenHuys, null, Conversation), Carla).State;

        Assert.Equal("s2", next.Id);
        Assert.Equal(SessionStatus.Open, next.Status);
        Assert.Equal(Carla.Key, next.Moderator);
        Assert.Single(next.Participants);
    }

    [Fact]
    public void Plan_makes_a_planned_session_without_check_ins()
    {
        var accepted = Accept(null, new Plan("p1", SessionKind.OpenHuys, "Dinsdag", Conversation), An);

        Assert.Equal(SessionStatus.Planned, accepted.State.Status);
        Assert.Equal(An.Key, accepted.State.Moderator);
        Assert.Empty(accepted.State.Participants);
        Assert.Null(accepted.State.OpenedAt);
        Assert.Equal(new SessionPlanned(accepted.State), Assert.Single(accepted.Events));
        AssertRefused(accepted.State, new Plan("p2", SessionKind.OpenHuys, null, Conversation), An, RefusalReason.AlreadyPlanned);
    }

    [Fact]
    public void Starting_a_planned_session_opens_it_with_the_starter_as_moderator()
    {
        var planned = Planned().Then(new RecordCard("card-1"), An);

        var accepted = Accept(planned, new Start("ignored", SessionKind.Connectortafel, null, Conversation), Bart);

        var open = accepted.State;
        Assert.Equal("p1", open.Id);
        Assert.Equal(SessionKind.Connectortafel, open.Kind);
        Assert.Equal("Dinsdag", open.Title);
        Assert.Equal(SessionStatus.Open, open.Status);
        Assert.Equal(Now, open.OpenedAt);
        Assert.Equal("card-1", open.CardActivityId);
        Assert.Equal(Bart.Key, open.Moderator);
        Assert.Equal(Bart.Key, Assert.Single(open.Participants).Key);
        Assert.IsType<SessionStarted>(Assert.Single(accepted.Events));
    }

    [Fact]
    public void A_title_given_at_the_start_replaces_the_planned_title()
    {
        var open = Accept(Planned(), new Start("x", SessionKind.OpenHuys, "Nieuwe titel", Conversation), An).State;

        Assert.Equal("Nieuwe titel", open.Title);
    }

    [Fact]
    public void A_planned_session_only_starts_or_is_cancelled_by_its_moderator()
    {
        var planned = Planned();

        AssertRefused(planned, new CheckIn(CheckInMode.Present), Bart, RefusalReason.NotOpenYet);
        AssertRefused(planned, new TakeRole(Role.Timekeeper), An, RefusalReason.NotOpenYet);
        AssertRefused(planned, new DivideRoles(), An, RefusalReason.NotOpenYet);
        AssertRefused(planned, new RequestClose(), Bart, RefusalReason.OnlyModerator);

        var cancelled = planned.Then(new RequestClose(), An).Then(new ConfirmClose(), An);

        Assert.Equal(SessionStatus.Closed, cancelled.Status);
        Assert.Null(cancelled.OpenedAt);
    }

    [Fact]
    public void Closing_asks_for_confirmation_and_then_ends_the_session()
    {
        var open = WithPeople();

        var pending = Accept(open, new RequestClose(), An);
        Assert.True(pending.State.ClosePending);
        Assert.Equal(SessionStatus.Open, pending.State.Status);
        Assert.IsType<CardChanged>(Assert.Single(pending.Events));

        var closed = Accept(pending.State, new ConfirmClose(), An);
        Assert.Equal(SessionStatus.Closed, closed.State.Status);
        Assert.Equal(Now, closed.State.ClosedAt);
        Assert.False(closed.State.ClosePending);
        Assert.Equal([new SessionClosed(closed.State), new CardChanged()], closed.Events);
    }

    [Fact]
    public void Cancelling_the_close_keeps_the_session_open()
    {
        var pending = WithPeople().Then(new RequestClose(), An);

        var cancelled = pending.Then(new CancelClose(), An);

        Assert.False(cancelled.ClosePending);
        Assert.Equal(SessionStatus.Open, cancelled.Status);
    }

    [Fact]
    public void Only_the_moderator_can_close_and_only_after_asking()
    {
        var open = WithPeople();
        var pending = open.Then(new RequestClose(), An);

        AssertRefused(open, new RequestClose(), Bart, RefusalReason.OnlyModerator);
        AssertRefused(pending, new ConfirmClose(), Bart, RefusalReason.OnlyModerator);
        AssertRefused(pending, new CancelClose(), Carla, RefusalReason.OnlyModerator);
        AssertRefused(open, new ConfirmClose(), An, RefusalReason.NoCloseRequested);
        AssertRefused(open, new CancelClose(), An, RefusalReason.NoCloseRequested);
    }

    [Fact]
    public void A_moderator_who_left_can_still_close_for_example_when_the_meeting_ended()
    {
        var left = WithPeople().Then(new Leave(), An);

        var closed = left.Then(new RequestClose(), An).Then(new ConfirmClose(), An);

        Assert.Equal(SessionStatus.Closed, closed.Status);
    }

    [Fact]
    public void A_closed_session_refuses_everything_but_recording_its_card()
    {
        var closed = WithPeople().Then(new RequestClose(), An).Then(new ConfirmClose(), An);
        SessionCommand[] commands =
        [
            new CheckIn(CheckInMode.Present), new CheckIn(CheckInMode.Listening), new Leave(), new TakeRole(Role.Timekeeper),
            new ReturnRole(Role.Timekeeper), new AssignRole(Role.ChatScribe, Bart.Key), new UnassignRole(Role.ChatScribe),
            new DivideRoles(), new HandOverModeration(Bart.Key), new TakeOverModeration(), new OptOut(), new OptIn(),
            new RequestClose(), new ConfirmClose(), new CancelClose(),
        ];

        Assert.All(commands, c => AssertRefused(closed, c, An, RefusalReason.SessionClosed));
        Assert.Equal("card-9", closed.Then(new RecordCard("card-9"), An).CardActivityId);
    }

    [Fact]
    public void Without_a_session_only_start_and_plan_are_possible()
    {
        AssertRefused(null, new CheckIn(CheckInMode.Present), An, RefusalReason.NoSession);
        AssertRefused(null, new RequestClose(), An, RefusalReason.NoSession);
        AssertRefused(null, new RecordCard("x"), An, RefusalReason.NoSession);
    }

    [Fact]
    public void Recording_the_card_changes_nothing_else_and_needs_no_card_update()
    {
        var open = WithPeople();

        var accepted = Accept(open, new RecordCard("activity-7"), Bart);

        Assert.Equal(open with { CardActivityId = "activity-7" }, accepted.State);
        Assert.Empty(accepted.Events);
    }

    [Fact]
    public void Every_accepted_change_after_the_start_updates_the_card()
    {
        var open = WithPeople();
        SessionCommand[] byModerator = [new DivideRoles(), new AssignRole(Role.Timekeeper, Bart.Key), new RequestClose(), new HandOverModeration(Carla.Key)];

        foreach (var command in byModerator)
        {
            Assert.IsType<CardChanged>(Accept(open, command, An).Events[^1]);
        }

        Assert.IsType<CardChanged>(Accept(open, new CheckIn(CheckInMode.Present), Eva).Events[^1]);
    }
}
