using StuyfBot.Dialogs.Notes;

namespace StuyfBot.Dialogs.Tests.Notes;

/// <summary>Reading chat lines as notes: tags, "noteer", mentions and links.</summary>
public sealed class ChatNoteTests
{
    private static readonly string[] Bot = ["<at>StuyfBot</at>"];

    [Fact]
    public void A_tagged_line_is_a_note_with_the_mention_and_the_tags_taken_out()
    {
        var note = ChatNote.Parse("<at>StuyfBot</at> #tip bel de VDAB in Kortrijk", Bot)!;

        Assert.Equal(NoteSource.Tagged, note.Source);
        Assert.Equal([NoteTag.Tip], note.Tags);
        Assert.Equal("bel de VDAB in Kortrijk", note.Text);
        Assert.Empty(note.Links);
    }

    [Theory]
    [InlineData("#contact #tip Jan van de bakkerij", new[] { NoteTag.Contact, NoteTag.Tip }, "Jan van de bakkerij")]
    [InlineData("ik ken #CONTACT iemand bij Unizo #stap", new[] { NoteTag.Contact, NoteTag.Step }, "ik ken iemand bij Unizo")]
    [InlineData("#idee een repair café #idea", new[] { NoteTag.Idea }, "een repair café")]
    [InlineData("#link https://stuyverij.be/agenda", new[] { NoteTag.Link }, "https://stuyverij.be/agenda")]
    [InlineData("#step call Unizo #tips", new[] { NoteTag.Step, NoteTag.Tip }, "call Unizo")]
    [InlineData("#ideeën twee ideeën", new[] { NoteTag.Idea }, "twee ideeën")]
    public void Several_tags_may_be_combined_in_Dutch_or_English(string line, NoteTag[] tags, string text)
    {
        var note = ChatNote.Parse($"<at>StuyfBot</at> {line}", Bot)!;

        Assert.Equal(tags, note.Tags);
        Assert.Equal(text, note.Text);
    }

    [Theory]
    [InlineData("noteer Bart kent iemand bij Unizo", "Bart kent iemand bij Unizo")]
    [InlineData("Noteer: Bart kent iemand", "Bart kent iemand")]
    [InlineData("note Carla offers a room", "Carla offers a room")]
    [InlineData("noteer", "")]
    public void Noteer_forwards_a_line_with_or_without_tags(string line, string text)
    {
        var note = ChatNote.Parse($"<at>StuyfBot</at> {line}", Bot)!;

        Assert.Equal(NoteSource.Forwarded, note.Source);
        Assert.Equal(text, note.Text);
        Assert.Equal([NoteTag.Contact], ChatNote.Parse("noteer #contact Jan")!.Tags);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<at>StuyfBot</at> help")]
    [InlineData("<at>StuyfBot</at> start connectortafel")]
    [InlineData("<at>StuyfBot</at> #tipje is geen tag")]
    [InlineData("<at>StuyfBot</at> kijk op https://example.org/#tip")]
    [InlineData("<at>StuyfBot</at> notes are not noteer")]
    [InlineData("<at>StuyfBot</at> a#tip in a word")]
    public void A_line_without_a_tag_or_noteer_is_no_note(string? line)
    {
        Assert.Null(ChatNote.Parse(line, Bot));
    }

    [Fact]
    public void Other_peoples_mentions_keep_their_names_and_entities_are_decoded()
    {
        var note = ChatNote.Parse("<at>StuyfBot</at> #contact <at>Bart Peeters</at> kent de schepen &amp; de wijkwerker&nbsp;hier", Bot)!;

        Assert.Equal("Bart Peeters kent de schepen & de wijkwerker hier", note.Text);
    }

    [Fact]
    public void Lines_are_kept_spaces_collapsed_and_a_hash_inside_a_link_is_no_tag()
    {
        var note = ChatNote.Parse("<at>StuyfBot</at> #link   lees  dit:\n https://example.org/page#tip  \n\n en dit", Bot)!;

        Assert.Equal([NoteTag.Link], note.Tags);
        Assert.Equal("lees dit:\nhttps://example.org/page#tip\nen dit", note.Text);
        Assert.Equal(["https://example.org/page#tip"], note.Links);
    }
}
