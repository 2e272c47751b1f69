using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Tests.Sessions;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>Every round refusal is reachable, refuses, and changes nothing.</summary>
public sealed class RoundRefusalCoverageTests
{
    private static readonly ChatNote Forward = ChatNote.Parse("noteer Bart kent iemand")!;

    public static TheoryData<RefusalReason, string, RoundCommand, Actor> Cases() => new()
    {
        { RefusalReason.NoSession, "none", new SubmitPitch(Content("x"), PitchVisibility.Group), Bart },
        { RefusalReason.SessionClosed, "closed", new AnswerPitch("p", AnswerKind.Tip, "x"), Bart },
        { RefusalReason.NotOpenYet, "planned", new ControlTimer(TimerControl.Start), An },
        { RefusalReason.AlreadyStarted, "waiting", new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk },
        { RefusalReason.NotPresent, "waiting", new SubmitPitch(Content("x"), PitchVisibility.Group), Eva },
        { RefusalReason.OnlyModerator, "waiting", new NextPitch(), Bart },
        { RefusalReason.OnlyPitcher, "up", new NoteNextStep("bart", "x"), Carla },
        { RefusalReason.OnlyTimekeeper, "up", new ControlTimer(TimerControl.Pause), Dirk },
        { RefusalReason.OnlyScribe, "up", new AddNote(Forward), Dirk },
        { RefusalReason.OnlyScribeOrModerator, "up", new StrikeNote("note"), Dirk },
        { RefusalReason.EmptyPitch, "planned", new SubmitPitch(PitchContent.Empty, PitchVisibility.Group), Dirk },
        { RefusalReason.EmptyText, "up", new AnswerPitch("bart", AnswerKind.Tip, " "), Carla },
        { RefusalReason.TextTooLong, "up", new AnswerPitch("bart", AnswerKind.Tip, new string('x', 1001)), Carla },
        { RefusalReason.AlreadyPitched, "waiting", new SubmitPitch(Content("y"), PitchVisibility.Group), Bart },
        { RefusalReason.NoPitchToWithdraw, "waiting", new WithdrawPitch(), Dirk },
        { RefusalReason.PitchAlreadyUp, "up", new WithdrawPitch(), Bart },
        { RefusalReason.UnknownPitch, "waiting", new PickPitch("nope"), An },
        { RefusalReason.NotInQueue, "skipped", new SkipPitch("bart"), An },
        { RefusalReason.CannotMove, "waiting", new MovePitch("bart", MoveDirection.Up), An },
        { RefusalReason.QueueEmpty, "open", new NextPitch(), An },
        { RefusalReason.PitchNotUp, "up", new AnswerPitch("carla", AnswerKind.Tip, "x"), Dirk },
        { RefusalReason.OwnPitch, "up", new AnswerPitch("bart", AnswerKind.Tip, "x"), Bart },
        { RefusalReason.NoCurrentPitch, "waiting", new ControlTimer(TimerControl.Start), An },
        { RefusalReason.TimerRunning, "up", new ControlTimer(TimerControl.Start), An },
        { RefusalReason.TimerPaused, "paused", new ControlTimer(TimerControl.Start), An },
        { RefusalReason.TimerNotRunning, "paused", new ControlTimer(TimerControl.Pause), An },
        { RefusalReason.TimerNotPaused, "up", new ControlTimer(TimerControl.Resume), An },
        { RefusalReason.NoTimer, "stopped", new ControlTimer(TimerControl.Extend), An },
        { RefusalReason.UnknownNote, "up", new StrikeNote("nope"), An },
        { RefusalReason.NoteAlreadyStruck, "struck", new StrikeNote("note"), An },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_refusal_changes_nothing(RefusalReason reason, string state, RoundCommand command, Actor actor)
    {
        var table = State(state);
        var records = table.Records;

        var refused = table.Refused(Resolve(table, command), actor);

        Assert.Equal(reason, refused.Reason);
        Assert.Equal(reason == RefusalReason.TextTooLong, refused.Limit is not null);
        Assert.Same(records, table.Records);
    }

    /// <summary>
    /// One enum for both deciders: every reason the session's cases (<see cref="RefusalCoverageTests"/>)
    /// leave out has a round case here.
    /// </summary>
    [Fact]
    public void Every_refusal_reason_has_a_case()
    {
        var covered = Cases().Select(row => (RefusalReason)row[0]).ToHashSet();
        var bySessions = RefusalCoverageTests.Cases().Select(row => (RefusalReason)row[0]).ToHashSet();

        Assert.Equal(Enum.GetValues<RefusalReason>().Except(bySessions).ToHashSet(), covered.Except(bySessions).ToHashSet());
    }

    /// <summary>The states the cases start from: Bart's and Carla's pitches; "up": Bart's is up; a note of Dirk's.</summary>
    private static Table State(string name)
    {
        var waiting = OpenTable().GiveRole(Role.ChatScribe, Carla).Pitch(Bart, "b").Pitch(Carla, "c");
        var up = waiting.Do(new NextPitch(), An).Do(new AddNote(ChatNote.Parse("#tip kijk eens bij Kiemkracht")!), Dirk);
        return name switch
        {
            "none" => new Table(null!, SessionRecords.Empty, Now, 0),
            "planned" => PlannedTable(),
            "open" => OpenTable(),
            "waiting" => waiting,
            "skipped" => waiting.Do(new SkipPitch(waiting.PitchOf(Bart).Id), An),
            "up" => up,
            "paused" => up.Do(new ControlTimer(TimerControl.Pause), An),
            "stopped" => up.Do(new ControlTimer(TimerControl.Stop), An),
            "struck" => up.Do(new StrikeNote(up.Records.Notes[0].Id), Carla),
            "closed" => up.Do(new RequestClose(), An).Do(new ConfirmClose(), An),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    /// <summary>The cases name pitches by their pitcher ("bart") and the note as "note": the ids are made at run time.</summary>
    private static RoundCommand Resolve(Table table, RoundCommand command)
    {
        string Id(string name) => name switch
        {
            "bart" => table.PitchOf(Bart).Id,
            "carla" => table.PitchOf(Carla).Id,
            _ => name,
        };
        return command switch
        {
            NoteNextStep step => step with { PitchId = Id(step.PitchId) },
            AnswerPitch answer => answer with { PitchId = Id(answer.PitchId) },
            SkipPitch skip => skip with { PitchId = Id(skip.PitchId) },
            MovePitch move => move with { PitchId = Id(move.PitchId) },
            StrikeNote strike when strike.NoteId == "note" => new StrikeNote(table.Records.Notes[0].Id),
            _ => command,
        };
    }
}
