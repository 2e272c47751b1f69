using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>Every round refusal is reachable, refuses, and changes nothing.</summary>
public sealed class RoundRefusalCoverageTests
{
    private static readonly ChatNote Forward = ChatNote.Parse("noteer Bart kent iemand")!;

    public static TheoryData<RoundRefusal, string, RoundCommand, Actor> Cases() => new()
    {
        { RoundRefusal.NoSession, "none", new SubmitPitch(Content("x"), PitchVisibility.Group), Bart },
        { RoundRefusal.SessionClosed, "closed", new AnswerPitch("p", AnswerKind.Tip, "x"), Bart },
        { RoundRefusal.NotOpenYet, "planned", new ControlTimer(TimerControl.Start), An },
        { RoundRefusal.AlreadyStarted, "waiting", new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk },
        { RoundRefusal.NotPresent, "waiting", new SubmitPitch(Content("x"), PitchVisibility.Group), Eva },
        { RoundRefusal.OnlyModerator, "waiting", new NextPitch(), Bart },
        { RoundRefusal.OnlyPitcher, "up", new NoteNextStep("bart", "x"), Carla },
        { RoundRefusal.OnlyTimekeeper, "up", new ControlTimer(TimerControl.Pause), Dirk },
        { RoundRefusal.OnlyScribe, "up", new AddNote(Forward), Dirk },
        { RoundRefusal.OnlyScribeOrModerator, "up", new StrikeNote("note"), Dirk },
        { RoundRefusal.EmptyPitch, "planned", new SubmitPitch(PitchContent.Empty, PitchVisibility.Group), Dirk },
        { RoundRefusal.EmptyText, "up", new AnswerPitch("bart", AnswerKind.Tip, " "), Carla },
        { RoundRefusal.TextTooLong, "up", new AnswerPitch("bart", AnswerKind.Tip, new string('x', 1001)), Carla },
        { RoundRefusal.AlreadyPitched, "waiting", new SubmitPitch(Content("y"), PitchVisibility.Group), Bart },
        { RoundRefusal.NoPitchToWithdraw, "waiting", new WithdrawPitch(), Dirk },
        { RoundRefusal.PitchAlreadyUp, "up", new WithdrawPitch(), Bart },
        { RoundRefusal.UnknownPitch, "waiting", new PickPitch("nope"), An },
        { RoundRefusal.NotInQueue, "skipped", new SkipPitch("bart"), An },
        { RoundRefusal.CannotMove, "waiting", new MovePitch("bart", MoveDirection.Up), An },
        { RoundRefusal.QueueEmpty, "open", new NextPitch(), An },
        { RoundRefusal.PitchNotUp, "up", new AnswerPitch("carla", AnswerKind.Tip, "x"), Dirk },
        { RoundRefusal.OwnPitch, "up", new AnswerPitch("bart", AnswerKind.Tip, "x"), Bart },
        { RoundRefusal.NoCurrentPitch, "waiting", new ControlTimer(TimerControl.Start), An },
        { RoundRefusal.TimerRunning, "up", new ControlTimer(TimerControl.Start), An },
        { RoundRefusal.TimerPaused, "paused", new ControlTimer(TimerControl.Start), An },
        { RoundRefusal.TimerNotRunning, "paused", new ControlTimer(TimerControl.Pause), An },
        { RoundRefusal.TimerNotPaused, "up", new ControlTimer(TimerControl.Resume), An },
        { RoundRefusal.NoTimer, "stopped", new ControlTimer(TimerControl.Extend), An },
        { RoundRefusal.UnknownNote, "up", new StrikeNote("nope"), An },
        { RoundRefusal.NoteAlreadyStruck, "struck", new StrikeNote("note"), An },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_refusal_changes_nothing(RoundRefusal reason, string state, RoundCommand command, Actor actor)
    {
        var table = State(state);
        var records = table.Records;

        var refused = table.Refused(Resolve(table, command), actor);

        Assert.Equal(reason, refused.Reason);
        Assert.Equal(reason == RoundRefusal.TextTooLong, refused.Limit is not null);
        Assert.Same(records, table.Records);
    }

    [Fact]
    public void Every_refusal_reason_has_a_case()
    {
        var covered = Cases().Select(row => (RoundRefusal)row[0]).ToHashSet();

        Assert.Equal(Enum.GetValues<RoundRefusal>().ToHashSet(), covered);
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
