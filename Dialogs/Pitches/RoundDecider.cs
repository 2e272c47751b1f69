using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// The one pure entry point of the pitch round, its timer and its notes:
/// (head, records, command, turn, timer settings) -&gt; decision. <see cref="RoundRules"/>
/// decides whether; this class only applies what is allowed. High-frequency commands (pitches,
/// answers, next steps, notes) make a record and leave the head alone; the moderator's and the
/// timekeeper's commands change the head and make no record.
/// </summary>
public static class RoundDecider
{
    /// <param name="state">The session head (null: no session).</param>
    /// <param name="records">The session's records as loaded (folded).</param>
    /// <param name="command">What the actor asks.</param>
    /// <param name="turn">Who asks, when, and the item id for a record this makes.</param>
    /// <param name="timers">The timer durations (from the Bot's options).</param>
    public static Decision Decide(Session? state, SessionRecords records, RoundCommand command, RoundTurn turn, TimerSettings timers)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(timers);
        if (RoundRules.Refusal(state, records, command, turn.Actor.Key) is { } refused)
        {
            return refused;
        }

        var head = state!;
        return command switch
        {
            SubmitPitch submit => Submit(head, records, submit, turn),
            WithdrawPitch => Withdraw(head, records, turn),
            NextPitch => Next(head, records, turn.Now, timers),
            MovePitch move => Changed(head, head.Round with { Order = PitchQueue.Move(head.Round, records, move.PitchId, move.Direction).Order }),
            SkipPitch skip => Changed(head, head.Round with
            {
                Skipped = head.Round.Skipped.Add(skip.PitchId),
                Order = head.Round.Order.Remove(skip.PitchId),
            }),
            PickPitch pick => Bring(head, records.FindPitch(pick.PitchId)!, turn.Now, timers),
            AnswerPitch answer => Recorded(head, new AnswerRecord
            {
                Id = turn.ItemId,
                At = turn.Now,
                AuthorKey = turn.Actor.Key,
                AuthorName = turn.Actor.Name,
                PitchId = answer.PitchId,
                Kind = answer.Kind,
                Text = RoundRules.Normalize(answer.Text)!,
            }, r => new AnswerGiven(r)),
            NoteNextStep step => Recorded(head, new NextStepRecord
            {
                Id = turn.ItemId,
                At = turn.Now,
                AuthorKey = turn.Actor.Key,
                AuthorName = turn.Actor.Name,
                PitchId = step.PitchId,
                Text = RoundRules.Normalize(step.Text)!,
            }, r => new NextStepNoted(r)),
            ControlTimer control => Timer(head, control.Control, turn.Now, timers),
            AddNote add => Recorded(head, new NoteRecord
            {
                Id = turn.ItemId,
                At = turn.Now,
                AuthorKey = turn.Actor.Key,
                AuthorName = turn.Actor.Name,
                Source = add.Note.Source,
                Tags = add.Note.Tags,
                Text = RoundRules.Normalize(add.Note.Text)!,
                Links = add.Note.Links,
            }, r => new NoteTaken(new Note(r, Struck: false))),
            StrikeNote strike => Recorded(head, new NoteStrikeRecord
            {
                Id = turn.ItemId,
                At = turn.Now,
                AuthorKey = turn.Actor.Key,
                AuthorName = turn.Actor.Name,
                NoteId = strike.NoteId,
            }, r => new NoteStruck(r.NoteId)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown round command."),
        };
    }

    private static Accepted Submit(Session head, SessionRecords records, SubmitPitch submit, RoundTurn turn)
    {
        var before = records.PitchOf(turn.Actor.Key);
        var record = new PitchRecord
        {
            Id = turn.ItemId,
            At = turn.Now,
            AuthorKey = turn.Actor.Key,
            AuthorName = turn.Actor.Name,
            Content = submit.ListenOnly ? PitchContent.Empty : submit.Content.Normalized(),
            Visibility = submit.Visibility,
            ListenOnly = submit.ListenOnly,
            Source = head.Status == SessionStatus.Planned ? PitchSource.PreSubmitted : PitchSource.Live,
        };
        var pitch = records.With(record).PitchOf(turn.Actor.Key)!;
        return Recorded(head, record, _ => new PitchSaved(pitch, Edited: before is { Withdrawn: false }));
    }

    private static Accepted Withdraw(Session head, SessionRecords records, RoundTurn turn)
    {
        var before = records.PitchOf(turn.Actor.Key)!;
        var record = new PitchRecord
        {
            Id = turn.ItemId,
            At = turn.Now,
            AuthorKey = turn.Actor.Key,
            AuthorName = turn.Actor.Name,
            Content = PitchContent.Empty,
            Visibility = before.Visibility,
            Withdrawn = true,
            Source = before.Source,
        };
        var pitch = records.With(record).PitchOf(turn.Actor.Key)!;
        return Recorded(head, record, _ => new PitchWithdrawn(pitch));
    }

    private static Accepted Next(Session head, SessionRecords records, DateTimeOffset now, TimerSettings timers)
    {
        if (PitchQueue.Waiting(head.Round, records).FirstOrDefault() is { } next)
        {
            return Bring(head, next, now, timers);
        }

        var ended = head.Round.Ended(now);
        return ended.Timer is { } timer && !ReferenceEquals(timer, head.Round.Timer)
            ? Changed(head, ended, new RoundFinished(), new TimerChanged(timer))
            : Changed(head, ended, new RoundFinished());
    }

    /// <summary>This pitch comes up now: the previous one is done, its timer gives way to a new one.</summary>
    private static Accepted Bring(Session head, Pitch pitch, DateTimeOffset now, TimerSettings timers)
    {
        var round = head.Round;
        var timer = PitchTimer.Start(pitch.Id, round.NextGeneration(), timers.For(head.Kind), timers.WarningBefore, now);
        var brought = round with
        {
            Current = pitch.Id,
            Presented = round.Presented.Add(pitch.Id),
            Order = round.Order.Remove(pitch.Id),
            Skipped = round.Skipped.Remove(pitch.Id),
            Timer = timer,
        };
        return Changed(head, brought, new PitchUp(pitch), new TimerChanged(timer));
    }

    private static Accepted Timer(Session head, TimerControl control, DateTimeOffset now, TimerSettings timers)
    {
        var round = head.Round;
        var timer = control switch
        {
            TimerControl.Start => PitchTimer.Start(round.Current!, round.NextGeneration(), timers.For(head.Kind), timers.WarningBefore, now),
            TimerControl.Pause => round.Timer!.Pause(now),
            TimerControl.Resume => round.Timer!.Resume(now),
            TimerControl.Extend => round.Timer!.Extend(now, timers.Extension),
            _ => round.Timer!.Stop(now),
        };
        return Changed(head, round with { Timer = timer }, new TimerChanged(timer));
    }

    private static Accepted Changed(Session head, PitchRound round, params IEnumerable<SessionEvent> events) =>
        new(head with { Round = round }, [.. events, new CardChanged()]);

    private static Accepted Recorded<T>(Session head, T record, Func<T, SessionEvent> happened)
        where T : SessionItem =>
        new(head, [happened(record), new CardChanged()]) { Item = record };
}
