using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>A pitch was sent or edited (or "enkel luisteren" chosen): in a 1:1 chat, answer with the saved pitch card.</summary>
public sealed record PitchSaved(Pitch Pitch, bool Edited) : SessionEvent;

public sealed record PitchWithdrawn(Pitch Pitch) : SessionEvent;

/// <summary>"Volgende pitch": announce it and post the answer card, at the pitch's visibility.</summary>
public sealed record PitchUp(Pitch Pitch) : SessionEvent;

/// <summary>The last pitch ended and nothing waits.</summary>
public sealed record RoundFinished : SessionEvent;

public sealed record AnswerGiven(AnswerRecord Answer) : SessionEvent;

public sealed record NextStepNoted(NextStepRecord NextStep) : SessionEvent;

/// <summary>The timer changed: schedule reminders for <see cref="TimerAlerts.Upcoming"/> (earlier ones are stale now).</summary>
public sealed record TimerChanged(PitchTimer Timer) : SessionEvent;

/// <summary>A note was taken: confirm briefly to whoever wrote the line.</summary>
public sealed record NoteTaken(Note Note) : SessionEvent;

public sealed record NoteStruck(string NoteId) : SessionEvent;
