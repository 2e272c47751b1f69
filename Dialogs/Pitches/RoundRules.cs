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
    public static RoundRefused? Refusal(Session? state, SessionRecords records, RoundCommand command, string actor)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return Refuse(RoundRefusal.NoSession);
        }

        if (state.Status == SessionStatus.Closed)
        {
            return Refuse(RoundRefusal.SessionClosed);
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
            return Refuse(RoundRefusal.NotOpenYet);
        }

        var round = state.Round;
        return command switch
        {
            NextPitch => !state.IsModerator(actor) ? Refuse(RoundRefusal.OnlyModerator)
                : round.Current is null && PitchQueue.Waiting(round, records).Count == 0 ? Refuse(RoundRefusal.QueueEmpty)
                : null,
            MovePitch move => QueueRefusal(state, records, move.PitchId, actor, move.Direction),
            SkipPitch skip => QueueRefusal(state, records, skip.PitchId, actor, null),
            PickPitch pick => PitchRefusal(state, records, pick.PitchId, actor),
            AnswerPitch answer => AnswerRefusal(state, records, answer, actor),
            NoteNextStep step => records.FindPitch(step.PitchId) is not { } pitch || !pitch.IsActive() ? Refuse(RoundRefusal.UnknownPitch)
                : pitch.AuthorKey != actor ? Refuse(RoundRefusal.OnlyPitcher)
                : !round.IsPresented(pitch.Id) ? Refuse(RoundRefusal.PitchNotUp)
                : TextRefusal(step.Text, MaxNextStepLength),
            ControlTimer control => TimerRefusal(state, control.Control, actor),
            AddNote add => add.Note.Source == NoteSource.Forwarded && state.HolderOf(Role.ChatScribe) != actor ? Refuse(RoundRefusal.OnlyScribe)
                : TextRefusal(add.Note.Text, MaxNoteLength),
            StrikeNote strike => state.HolderOf(Role.ChatScribe) != actor && !state.IsModerator(actor) ? Refuse(RoundRefusal.OnlyScribeOrModerator)
                : records.FindNote(strike.NoteId) is not { } note ? Refuse(RoundRefusal.UnknownNote)
                : note.Struck ? Refuse(RoundRefusal.NoteAlreadyStruck)
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

    private static RoundRefused? SubmitRefusal(Session state, SessionRecords records, SubmitPitch submit, string actor)
    {
        if (state.Status == SessionStatus.Open)
        {
            if (submit.ListenOnly)
            {
                return Refuse(RoundRefusal.AlreadyStarted);
            }

            if (!state.IsHere(actor))
            {
                return Refuse(RoundRefusal.NotPresent);
            }

            if (records.PitchOf(actor)?.IsActive() == true)
            {
                return Refuse(RoundRefusal.AlreadyPitched);
            }
        }

        if (submit.ListenOnly)
        {
            return null;
        }

        var content = submit.Content.Normalized();
        return content.IsEmpty() ? Refuse(RoundRefusal.EmptyPitch)
            : content.Fields().Any(f => f.Value?.Length > MaxPitchFieldLength) ? new RoundRefused(RoundRefusal.TextTooLong, MaxPitchFieldLength)
            : null;
    }

    private static RoundRefused? WithdrawRefusal(Session state, SessionRecords records, string actor)
    {
        var pitch = records.PitchOf(actor);
        if (pitch is null || pitch.Withdrawn || (state.Status == SessionStatus.Open && pitch.ListenOnly))
        {
            return Refuse(RoundRefusal.NoPitchToWithdraw);
        }

        return state.Round.IsPresented(pitch.Id) ? Refuse(RoundRefusal.PitchAlreadyUp) : null;
    }

    /// <summary>Move (with a direction) or skip: the moderator, on a pitch that waits in the queue.</summary>
    private static RoundRefused? QueueRefusal(Session state, SessionRecords records, string pitchId, string actor, MoveDirection? direction)
    {
        if (PitchRefusal(state, records, pitchId, actor) is { } refused)
        {
            return refused;
        }

        var waiting = PitchQueue.Waiting(state.Round, records);
        var index = waiting.ToList().FindIndex(p => p.Id == pitchId);
        return index < 0 ? Refuse(RoundRefusal.NotInQueue)
            : direction == MoveDirection.Up && index == 0 ? Refuse(RoundRefusal.CannotMove)
            : direction == MoveDirection.Down && index == waiting.Count - 1 ? Refuse(RoundRefusal.CannotMove)
            : null;
    }

    /// <summary>The moderator, on a known pitch that has not come up.</summary>
    private static RoundRefused? PitchRefusal(Session state, SessionRecords records, string pitchId, string actor) =>
        !state.IsModerator(actor) ? Refuse(RoundRefusal.OnlyModerator)
            : records.FindPitch(pitchId) is not { } pitch || !pitch.IsActive() ? Refuse(RoundRefusal.UnknownPitch)
            : state.Round.IsPresented(pitchId) ? Refuse(RoundRefusal.PitchAlreadyUp)
            : null;

    private static RoundRefused? AnswerRefusal(Session state, SessionRecords records, AnswerPitch answer, string actor) =>
        !state.IsHere(actor) ? Refuse(RoundRefusal.NotPresent)
            : records.FindPitch(answer.PitchId) is not { } pitch || !pitch.IsActive() ? Refuse(RoundRefusal.UnknownPitch)
            : !state.Round.IsPresented(pitch.Id) ? Refuse(RoundRefusal.PitchNotUp)
            : pitch.AuthorKey == actor ? Refuse(RoundRefusal.OwnPitch)
            : TextRefusal(answer.Text, MaxAnswerLength);

    private static RoundRefused? TimerRefusal(Session state, TimerControl control, string actor)
    {
        if (!Times(state, actor))
        {
            return Refuse(RoundRefusal.OnlyTimekeeper);
        }

        if (state.Round.Current is not { } current)
        {
            return Refuse(RoundRefusal.NoCurrentPitch);
        }

        var status = state.Round.Timer is { } timer && timer.PitchId == current ? timer.Status() : TimerStatus.Stopped;
        return (control, status) switch
        {
            (TimerControl.Start, TimerStatus.Running) => Refuse(RoundRefusal.TimerRunning),
            (TimerControl.Start, TimerStatus.Paused) => Refuse(RoundRefusal.TimerPaused),
            (TimerControl.Pause, not TimerStatus.Running) => Refuse(RoundRefusal.TimerNotRunning),
            (TimerControl.Resume, not TimerStatus.Paused) => Refuse(RoundRefusal.TimerNotPaused),
            (TimerControl.Extend or TimerControl.Stop, TimerStatus.Stopped) => Refuse(RoundRefusal.NoTimer),
            _ => null,
        };
    }

    private static RoundRefused? TextRefusal(string? text, int limit) =>
        Normalize(text) is not { } kept ? Refuse(RoundRefusal.EmptyText)
            : kept.Length > limit ? new RoundRefused(RoundRefusal.TextTooLong, limit)
            : null;

    private static RoundRefused Refuse(RoundRefusal reason) => new(reason);
}
