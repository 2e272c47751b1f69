using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Tests.Pitches;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Notes;

/// <summary>Who takes and strikes notes.</summary>
public sealed class NoteRuleTests
{
    private static Table WithScribe() => Table.OpenTable().GiveRole(Role.ChatScribe, Carla);

    [Fact]
    public void A_tagged_line_from_anyone_in_the_chat_becomes_a_note_record()
    {
        var table = WithScribe();

        var accepted = table.Accepted(new AddNote(ChatNote.Parse("#tip #link kijk op https://kiemkracht.be")!), Eva);

        Assert.Same(table.State, accepted.State);
        var note = Assert.IsType<NoteRecord>(accepted.Item);
        Assert.Equal((NoteSource.Tagged, "kijk op https://kiemkracht.be", Eva.Key), (note.Source, note.Text, note.AuthorKey));
        Assert.Equal([NoteTag.Tip, NoteTag.Link], note.Tags);
        Assert.Equal(["https://kiemkracht.be"], note.Links);
        Assert.Equal(new NoteTaken(new Note(note, false)), accepted.Events[0]);
    }

    [Fact]
    public void Only_the_chat_scribe_forwards_with_noteer()
    {
        var table = WithScribe();
        var forward = new AddNote(ChatNote.Parse("noteer Bart helpt met de website")!);

        Assert.Equal(NoteSource.Forwarded, Assert.IsType<NoteRecord>(table.Accepted(forward, Carla).Item).Source);
        Assert.Equal(RefusalReason.OnlyScribe, table.Refused(forward, An).Reason);
        Assert.Equal(RefusalReason.OnlyScribe, Table.OpenTable().Refused(forward, An).Reason);
    }

    [Fact]
    public void A_note_needs_text_within_the_limit()
    {
        var table = WithScribe();

        Assert.Equal(RefusalReason.EmptyText, table.Refused(new AddNote(ChatNote.Parse("#tip")!), Bart).Reason);
        Assert.Equal(RefusalReason.EmptyText, table.Refused(new AddNote(ChatNote.Parse("noteer")!), Carla).Reason);
        Assert.Equal(
            new Refused(RefusalReason.TextTooLong) { Limit = RoundRules.MaxNoteLength },
            table.Refused(new AddNote(ChatNote.Parse("#tip " + new string('x', RoundRules.MaxNoteLength + 1))!), Bart));
    }

    [Fact]
    public void The_scribe_or_the_moderator_strikes_a_note_once_and_it_stays_in_the_records()
    {
        var table = WithScribe().Do(new AddNote(ChatNote.Parse("#tip oeps, verkeerd")!), Bart);
        var id = table.Records.Notes[0].Id;

        var struck = table.Accepted(new StrikeNote(id), Carla);
        var after = table.Apply(struck);

        Assert.Same(table.State, struck.State);
        Assert.Equal(id, Assert.IsType<NoteStrikeRecord>(struck.Item).NoteId);
        Assert.True(after.Records.Notes[0].Struck);
        Assert.IsType<Accepted>(table.Decide(new StrikeNote(id), An));
        Assert.Equal(RefusalReason.OnlyScribeOrModerator, table.Refused(new StrikeNote(id), Bart).Reason);
        Assert.Equal(RefusalReason.NoteAlreadyStruck, after.Refused(new StrikeNote(id), Carla).Reason);
        Assert.Equal(RefusalReason.UnknownNote, table.Refused(new StrikeNote("nope"), Carla).Reason);
    }

    [Fact]
    public void Notes_are_taken_only_while_the_session_runs()
    {
        var note = new AddNote(ChatNote.Parse("#tip x")!);

        Assert.Equal(RefusalReason.NotOpenYet, Table.PlannedTable().Refused(note, An).Reason);
        Assert.Equal(RefusalReason.SessionClosed, WithScribe().Do(new Dialogs.Sessions.RequestClose(), An).Do(new Dialogs.Sessions.ConfirmClose(), An).Refused(note, An).Reason);
    }
}
