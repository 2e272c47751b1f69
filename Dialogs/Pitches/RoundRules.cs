using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// Who may do what in the pitch round, with the timer and the notes, and when: the one place
/// these rules are written. <see cref="RoundDecider"/> applies only what they allow, and the
/// cards show a person only the buttons they allow (<see cref="RoundPermissions"/>).
/// </summary>
public static class RoundRules
{
    /// <summary>Per question of the pitch card.</summary>
    public const int MaxPitchFieldLength = 1000;

    public const int MaxAnswerLength = 1000;

    public const int MaxNextStepLength = 500;

    public const int MaxNoteLength = 2000;

    /// <summary>Why <paramref name="actor"/> may not do <paramref name="command"/> now; null when allowed.</summary>
    public static Refused? Refusal(Session? state, SessionRecords records, RoundCommand command, string actor)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return Refuse(RefusalReason.NoSession);
        }

        if (state.Status == SessionStatus.Closed)
        {
            return Refuse(RefusalReason.SessionClosed);
        }

        switch (command)
        {
            case SubmitPitch submit:
                return SubmitRefusal(state, records, submit, actor);
            case WithdrawPitch:
                return WithdrawRefusal(state, records, actor);
        }

        if (state.Status == SessionStatus.Planned)
        {
            return Refuse(RefusalReason.NotOpenYet);
        }

        var round = state.Round;
        return command switch
        {
            NextPitch => !state.IsModerator(actor) ? Refuse(RefusalReason.OnlyModerator)
                : round.Current is null && PitchQueue.Waiting(round, records).Count == 0 ? Refuse(RefusalReason.QueueEmpty)
                : null,
            MovePitch move => QueueRefusal(state, records, move.PitchId, actor, move.Direction),
            SkipPitch skip => QueueRefusal(state, records, skip.PitchId, actor, null),
            PickPitch pick => PitchRefusal(state, records, pick.PitchId, actor),
            AnswerPitch answer => AnswerRefusal(state, records, answer, actor),
            NoteNextStep step => records.FindPitch(step.PitchId) is not { } pitch || !pitch.IsActive() ? Refuse(RefusalReason.UnknownPitch)
                : pitch.AuthorKey != actor ? Refuse(RefusalReason.OnlyPitcher)
                : !round.IsPresented(pitch.Id) ? Refuse(RefusalReason.PitchNotUp)
                : TextRefusal(step.Text, MaxNextStepLength),
            ControlTimer control => TimerRefusal(state, control.Control, actor),
            AddNote add => add.Note.Source == NoteSource.Forwarded && state.HolderOf(Role.ChatScribe) != actor ? Refuse(RefusalReason.OnlyScribe)
                : TextRefusal(add.Note.Text, MaxNoteLength),
            StrikeNote strike => state.HolderOf(Role.ChatScribe) != actor && !state.IsModerator(actor) ? Refuse(RefusalReason.OnlyScribeOrModerator)
                : records.FindNote(strike.NoteId) is not { } note ? Refuse(RefusalReason.UnknownNote)
                : note.Struck ? Refuse(RefusalReason.NoteAlreadyStruck)
                : null,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown round command."),
        };
    }

    /// <summary>The text as kept: trimmed, and null when empty.</summary>
    public static string? Normalize(string? text) => PitchContent.Clean(text);

    /// <summary>Whether this person times the pitches: the timekeeper, and the moderator.</summary>
    public static bool Times(Session state, string person)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsModerator(person) || state.HolderOf(Role.Timekeeper) == person;
    }

    private static Refused? SubmitRefusal(Session state, SessionRecords records, SubmitPitch submit, string actor)
    {
        if (state.Status == SessionStatus.Open)
        {
            if (submit.ListenOnly)
            {
                return Refuse(RefusalReason.AlreadyStarted);
            }

            if (!state.IsHere(actor))
            {
                return Refuse(RefusalReason.NotPresent);
            }

            if (records.PitchOf(actor)?.IsActive() == true)
            {
                return Refuse(RefusalReason.AlreadyPitched);
            }
        }

        if (submit.ListenOnly)
        {
            return null;
        }

        var content = submit.Content.Normalized();
        return content.IsEmpty() ? Refuse(RefusalReason.EmptyPitch)
            : content.Fields().Any(f => f.Value?.Length > MaxPitchFieldLength) ? new Refused(RefusalReason.TextTooLong) { Limit = MaxPitchFieldLength }
            : null;
    }

    private static Refused? WithdrawRefusal(Session state, SessionRecords records, string actor)
    {
        var pitch = records.PitchOf(actor);
        if (pitch is null || pitch.Withdrawn || (state.Status == SessionStatus.Open && pitch.ListenOnly))
        {
            return Refuse(RefusalReason.NoPitchToWithdraw);
        }

        return state.Round.IsPresented(pitch.Id) ? Refuse(RefusalReason.PitchAlreadyUp) : null;
    }

    /// <summary>Move (with a direction) or skip: the moderator, on a pitch that waits in the queue.</summary>
    private static Refused? QueueRefusal(Session state, SessionRecords records, string pitchId, string actor, MoveDirection? direction)
    {
        if (PitchRefusal(state, records, pitchId, actor) is { } refused)
        {
            return refused;
        }

        var waiting = PitchQueue.Waiting(state.Round, records);
        var index = waiting.ToList().FindIndex(p => p.Id == pitchId);
        return index < 0 ? Refuse(RefusalReason.NotInQueue)
            : direction == MoveDirection.Up && index == 0 ? Refuse(RefusalReason.CannotMove)
            : direction == MoveDirection.Down && index == waiting.Count - 1 ? Refuse(RefusalReason.CannotMove)
            : null;
    }

    /// <summary>The moderator, on a known pitch that has not come up.</summary>
    private static Refused? PitchRefusal(Session state, SessionRecords records, string pitchId, string actor) =>
        !state.IsModerator(actor) ? Refuse(RefusalReason.OnlyModerator)
            : records.FindPitch(pitchId) is not { } pitch || !pitch.IsActive() ? Refuse(RefusalReason.UnknownPitch)
            : state.Round.IsPresented(pitchId) ? Refuse(RefusalReason.PitchAlreadyUp)
            : null;

    private static Refused? AnswerRefusal(Session state, SessionRecords records, AnswerPitch answer, string actor) =>
        !state.IsHere(actor) ? Refuse(RefusalReason.NotPresent)
            : records.FindPitch(answer.PitchId) is not { } pitch || !pitch.IsActive() ? Refuse(RefusalReason.UnknownPitch)
            : !state.Round.IsPresented(pitch.Id) ? Refuse(RefusalReason.PitchNotUp)
            : pitch.AuthorKey == actor ? Refuse(RefusalReason.OwnPitch)
            : TextRefusal(answer.Text, MaxAnswerLength);

    private static Refused? TimerRefusal(Session state, TimerControl control, string actor)
    {
        if (!Times(state, actor))
        {
            return Refuse(RefusalReason.OnlyTimekeeper);
        }

        if (state.Round.Current is not { } current)
        {
            return Refuse(RefusalReason.NoCurrentPitch);
        }

        var status = state.Round.Timer is { } timer && timer.PitchId == current ? timer.Status() : TimerStatus.Stopped;
        return (control, status) switch
        {
            (TimerControl.Start, TimerStatus.Running) => Refuse(RefusalReason.TimerRunning),
            (TimerControl.Start, TimerStatus.Paused) => Refuse(RefusalReason.TimerPaused),
            (TimerControl.Pause, not TimerStatus.Running) => Refuse(RefusalReason.TimerNotRunning),
            (TimerControl.Resume, not TimerStatus.Paused) => Refuse(RefusalReason.TimerNotPaused),
            (TimerControl.Extend or TimerControl.Stop, TimerStatus.Stopped) => Refuse(RefusalReason.NoTimer),
            _ => null,
        };
    }

    private static Refused? TextRefusal(string? text, int limit) =>
        Normalize(text) is not { } kept ? Refuse(RefusalReason.EmptyText)
            : kept.Length > limit ? new Refused(RefusalReason.TextTooLong) { Limit = limit }
            : null;

    private static Refused Refuse(RefusalReason reason) => new(reason);
}
