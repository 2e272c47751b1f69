using StuyfBot.Dialogs.Pitches;

namespace StuyfBot.Dialogs.Notes;

/// <summary>A chat line that is a note (see <see cref="ChatNote.Parse"/>).</summary>
public sealed record AddNote(ChatNote Note) : RoundCommand;

public sealed record StrikeNote(string NoteId) : RoundCommand;
