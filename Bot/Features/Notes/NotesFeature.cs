using System.Text.RegularExpressions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Notes;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Notes;

/// <summary>
/// The chat-scribe's notes: a chat line `@StuyfBot #tip ...` (anyone) or `@StuyfBot noteer ...`
/// (the scribe) becomes a note of the open session; the scribe or moderator strikes one from the
/// live card (<see cref="NoteRoutes"/>). The rules are in Dialogs (<see cref="ChatNote"/>, the round's rules).
/// </summary>
public sealed partial class NotesFeature : IBotFeature
{
    private readonly ConversationSessionStore _sessions;
    private readonly SessionRunner _runner;
    private readonly SessionCardRouter _router;

    public NotesFeature(ConversationSessionStore sessions, SessionRunner runner, SessionCardRouter router)
    {
        _sessions = sessions;
        _runner = runner;
        _router = router;
    }

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.OnMessage(NoteCommand(), OnNoteTypedAsync);
        _router.Map(app, NoteRoutes.Table);
    }

    private async Task OnNoteTypedAsync(ActivityContext context)
    {
        var text = new Text(context.Culture);
        var botMentions = context.Activity.Entities?
            .Where(e => e.Type == EntityTypes.Mention && e.Mentioned?.Id == context.Bot?.Id && e.Text is not null)
            .Select(e => e.Text!) ?? [];
        if (context.IsPersonal || ChatNote.Parse(context.Activity.Text, botMentions) is not { } note)
        {
            await context.Reply(text[context.IsPersonal ? "SessionOnlyInGroups" : "NotUnderstood"]).ConfigureAwait(false);
            return;
        }

        var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
        if (sessions?.Current is not { Status: SessionStatus.Open } open)
        {
            await context.Reply(SessionMessages.Refusal(text, new Refused(RefusalReason.NoSession))).ConfigureAwait(false);
            return;
        }

        var outcome = await _runner.RunAsync(context, open.Id, new AddNote(note)).ConfigureAwait(false);
        if (outcome.Decision is Refused refused)
        {
            await context.Reply(SessionMessages.Refusal(text, refused)).ConfigureAwait(false);
        }
    }

    // The tags and the forward anywhere in the line: ChatNote reads them exactly.
    [GeneratedRegex(@"(?:^|\s)#(?:tip|contact|link|idee|idea|stap|step)\b|^\s*(?:noteer|note)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoteCommand();
}
