using FsCheck;
using FsCheck.Fluent;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>Random walks of round commands by random people keep the queue's invariants.</summary>
public sealed class RoundProperties
{
    private static readonly Actor[] People = [An, Bart, Carla, Dirk, Eva];

    [Fact]
    public void Every_active_pitch_is_exactly_one_of_waiting_skipped_or_presented()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk => Tables(walk).All(table =>
        {
            var round = table.State.Round;
            var waiting = PitchQueue.Waiting(round, table.Records).Select(p => p.Id).ToList();
            var skipped = PitchQueue.Skipped(round, table.Records).Select(p => p.Id).ToList();
            var presented = round.Presented.ToList();
            var all = waiting.Concat(skipped).Concat(presented).ToList();
            var active = table.Records.Pitches.Where(p => p.IsActive()).Select(p => p.Id).Order(StringComparer.Ordinal);
            return all.Count == all.Distinct().Count()
                && all.Order(StringComparer.Ordinal).SequenceEqual(active)
                && (round.Current is null || round.Current == presented[^1]);
        })).VerifyProperty();
    }

    [Fact]
    public void Pitches_the_moderator_did_not_arrange_wait_pre_submitted_first_each_in_the_order_they_came()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk => Tables(walk).All(table =>
        {
            var waiting = PitchQueue.Waiting(table.State.Round, table.Records);
            var arranged = waiting.TakeWhile(p => table.State.Round.Order.Contains(p.Id)).Count();
            var rest = waiting.Skip(arranged).ToList();
            return rest.All(p => !table.State.Round.Order.Contains(p.Id))
                && rest.SequenceEqual(rest.OrderBy(p => p.Source).ThenBy(p => p.SubmittedAt).ThenBy(p => p.Id, StringComparer.Ordinal));
        })).VerifyProperty();
    }

    [Fact]
    public void Volgende_pitch_brings_up_the_head_of_the_queue_and_nothing_else()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk => Tables(walk).All(table =>
        {
            if (table.Decide(new NextPitch(), An) is not Accepted accepted)
            {
                return true;
            }

            var head = PitchQueue.Waiting(table.State.Round, table.Records).FirstOrDefault();
            return accepted.State.Round.Current == head?.Id
                && accepted.State.Round.Presented.Count == table.State.Round.Presented.Count + (head is null ? 0 : 1);
        })).VerifyProperty();
    }

    [Fact]
    public void A_decision_makes_a_record_or_a_new_head_never_both_and_a_record_never_changes_the_head()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk =>
        {
            var table = Start();
            foreach (var (command, who) in walk)
            {
                if (table.Decide(Resolve(table, command), People[who]) is Accepted accepted)
                {
                    if (accepted.Item is not null && !ReferenceEquals(accepted.State, table.State))
                    {
                        return false;
                    }

                    if (accepted.Item is null && ReferenceEquals(accepted.State, table.State))
                    {
                        return false;
                    }

                    table = table.Apply(accepted);
                }
            }

            return true;
        }).VerifyProperty();
    }

    [Fact]
    public void The_permissions_are_exactly_what_the_decider_accepts()
    {
        Prop.ForAll(Walks().ToArbitrary(), walk => Tables(walk).All(table => People.All(person =>
        {
            var may = RoundPermissions.For(table.State, table.Records, person.Key);
            bool Accepts(RoundCommand command) => table.Decide(command, person) is Accepted;
            var waiting = PitchQueue.Waiting(table.State.Round, table.Records).Select(p => p.Id).ToList();
            var pickable = waiting.Concat(PitchQueue.Skipped(table.State.Round, table.Records).Select(p => p.Id)).ToList();
            var current = table.State.Round.Current;
            var own = table.Records.PitchOf(person.Key);
            return may.SubmitPitch == Accepts(new SubmitPitch(Content("x"), PitchVisibility.Group))
                && may.WithdrawPitch == Accepts(new WithdrawPitch())
                && may.NextPitch == Accepts(new NextPitch())
                && may.MoveUp.SequenceEqual(waiting.Where(id => Accepts(new MovePitch(id, MoveDirection.Up))))
                && may.MoveDown.SequenceEqual(waiting.Where(id => Accepts(new MovePitch(id, MoveDirection.Down))))
                && may.Skip.SequenceEqual(waiting.Where(id => Accepts(new SkipPitch(id))))
                && may.Pick.SequenceEqual(pickable.Where(id => Accepts(new PickPitch(id))))
                && may.Answer == (current is not null && Accepts(new AnswerPitch(current, AnswerKind.Tip, "x")) ? current : null)
                && may.NextStep == (own is not null && Accepts(new NoteNextStep(own.Id, "x")) ? own.Id : null)
                && may.Timer.SequenceEqual(Enum.GetValues<TimerControl>().Where(c => Accepts(new ControlTimer(c))))
                && may.Strike.Select(n => n.Id).SequenceEqual(table.Records.Notes.Select(n => n.Id).Where(id => Accepts(new StrikeNote(id))));
        }))).VerifyProperty();
    }

    /// <summary>Open, everyone checked in, Carla timekeeper and Dirk scribe, and three pre-submitted pitches.</summary>
    private static Table Start() =>
        PlannedTable().Pitch(Eva, "e").Pitch(Carla, "c").Pitch(Dirk, "d")
            .Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An)
            .Do(new CheckIn(CheckInMode.Present), Bart)
            .Do(new CheckIn(CheckInMode.Present), Carla)
            .Do(new CheckIn(CheckInMode.Listening), Dirk)
            .Do(new CheckIn(CheckInMode.Present), Eva)
            .GiveRole(Role.Timekeeper, Carla)
            .GiveRole(Role.ChatScribe, Dirk);

    /// <summary>Every table a walk passes through (accepted steps only).</summary>
    private static List<Table> Tables(IReadOnlyList<(RoundCommand Command, int Who)> walk)
    {
        var table = Start();
        var tables = new List<Table> { table };
        foreach (var (command, who) in walk)
        {
            if (table.Decide(Resolve(table, command), People[who]) is Accepted accepted)
            {
                table = table.Apply(accepted);
                tables.Add(table);
            }
        }

        return tables;
    }

    /// <summary>Commands name pitches by the index of their pitcher in <see cref="People"/> and notes by their index: resolve them now.</summary>
    private static RoundCommand Resolve(Table table, RoundCommand command)
    {
        string PitchId(string index) => table.Records.PitchOf(People[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)].Key)?.Id ?? "none";
        return command switch
        {
            MovePitch move => move with { PitchId = PitchId(move.PitchId) },
            SkipPitch skip => skip with { PitchId = PitchId(skip.PitchId) },
            PickPitch pick => pick with { PitchId = PitchId(pick.PitchId) },
            AnswerPitch answer => answer with { PitchId = PitchId(answer.PitchId) },
            NoteNextStep step => step with { PitchId = PitchId(step.PitchId) },
            StrikeNote strike => new StrikeNote(table.Records.Notes.Count == 0 ? "none" : table.Records.Notes[int.Parse(strike.NoteId, System.Globalization.CultureInfo.InvariantCulture) % table.Records.Notes.Count].Id),
            _ => command,
        };
    }

    /// <summary>Up to 60 random commands by random people (many are refused).</summary>
    private static Gen<IReadOnlyList<(RoundCommand Command, int Who)>> Walks()
    {
        var index = Gen.Choose(0, People.Length - 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var visibility = Gen.Elements(PitchVisibility.Group, PitchVisibility.FacilitatorsOnly, PitchVisibility.Anonymous);
        RoundCommand Fixed(RoundCommand c) => c;
        var command = Gen.Frequency(
            (4, from v in visibility from listen in Gen.Elements(false, false, false, true) select Fixed(new SubmitPitch(Content("vraag"), v, listen))),
            (1, Gen.Constant(Fixed(new WithdrawPitch()))),
            (4, Gen.Constant(Fixed(new NextPitch()))),
            (3, from i in index from d in Gen.Elements(MoveDirection.Up, MoveDirection.Down) select Fixed(new MovePitch(i, d))),
            (2, index.Select(i => Fixed(new SkipPitch(i)))),
            (2, index.Select(i => Fixed(new PickPitch(i)))),
            (3, from i in index from k in Gen.Elements(Enum.GetValues<AnswerKind>()) select Fixed(new AnswerPitch(i, k, "antwoord"))),
            (1, index.Select(i => Fixed(new NoteNextStep(i, "stap")))),
            (2, Gen.Elements(Enum.GetValues<TimerControl>()).Select(c => Fixed(new ControlTimer(c)))),
            (1, Gen.Constant(Fixed(new AddNote(ChatNote.Parse("#tip https://example.org")!)))),
            (1, index.Select(i => Fixed(new StrikeNote(i)))));
        var who = Gen.Choose(0, People.Length - 1);
        var step = from c in command from w in who select (Command: c, Who: w);
        return from length in Gen.Choose(0, 60)
               from steps in Gen.ListOf(step, length)
               select (IReadOnlyList<(RoundCommand, int)>)[.. steps];
    }
}
