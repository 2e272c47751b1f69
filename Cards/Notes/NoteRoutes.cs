using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using static StuyfBot.Cards.Sessions.CardRouteExtensions;

namespace StuyfBot.Cards.Notes;

/// <summary>The chat-scribe's buttons: striking a note.</summary>
public static class NoteRoutes
{
    public static IReadOnlyList<CardRoute> Table { get; } =
    [
        RoundCommand(SessionVerbs.StrikeNote, d => d[SessionVerbs.StrikeNoteInput] is { } noteId ? new StrikeNote(noteId) : null),
    ];
}
