using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>
/// Something a person asks of a session's pitch round, its timer or its notes: from the pitch
/// card (1:1, before the session), the live card, the answer card, or a chat line. Decided by
/// <see cref="RoundDecider"/> (with the session's records), not by <see cref="SessionDecider"/>.
/// </summary>
public abstract record RoundCommand : SessionCommand;

/// <summary>
/// Send a pitch, or "Ik kom enkel luisteren" (<paramref name="ListenOnly"/>: the content is
/// ignored). Before the session opens a second submission replaces the first (edit); during the
/// session it is a live pitch.
/// </summary>
public sealed record SubmitPitch(PitchContent Content, PitchVisibility Visibility, bool ListenOnly = false) : RoundCommand;

/// <summary>Withdraw your own pitch (before the session, or during it while it waits its turn).</summary>
public sealed record WithdrawPitch : RoundCommand;

/// <summary>"Volgende pitch": the first in the queue comes up and its timer starts; with an empty queue the current one ends.</summary>
public sealed record NextPitch : RoundCommand;

public enum MoveDirection
{
    Up,
    Down,
}

public sealed record MovePitch(string PitchId, MoveDirection Direction) : RoundCommand;

/// <summary>Leave a waiting pitch out of the queue for now (it can still be picked).</summary>
public sealed record SkipPitch(string PitchId) : RoundCommand;

/// <summary>This pitch comes up now (a waiting or a skipped one).</summary>
public sealed record PickPitch(string PitchId) : RoundCommand;

/// <summary>Answer a pitch that is up (or was): a tip, a contact, an offer or a question.</summary>
public sealed record AnswerPitch(string PitchId, AnswerKind Kind, string Text) : RoundCommand;

/// <summary>The pitcher notes the next small step they take away.</summary>
public sealed record NoteNextStep(string PitchId, string Text) : RoundCommand;

/// <summary>Who acts, when, and the item id the Bot made from the inbound activity (used when the command makes a record).</summary>
public sealed record RoundTurn(Actor Actor, DateTimeOffset Now, string ItemId);
