using System.Collections.Immutable;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Notes;

/// <summary>What a note is about: the tags people put in a chat line (#tip, #contact, ...).</summary>
public enum NoteTag
{
    Tip,
    Contact,
    Link,
    Idea,
    Step,
}

public enum NoteSource
{
    /// <summary>A chat line that mentions the bot with a tag.</summary>
    Tagged,

    /// <summary>The chat-scribe forwarded it with "noteer ...".</summary>
    Forwarded,
}

/// <summary>One note the chat-scribe (or the group) collected.</summary>
public sealed record NoteRecord : SessionItem
{
    public required NoteSource Source { get; init; }

    public ImmutableList<NoteTag> Tags { get; init; } = [];

    public required string Text { get; init; }

    /// <summary>The http(s) links in the text, in their order.</summary>
    public ImmutableList<string> Links { get; init; } = [];
}

/// <summary>The scribe (or the moderator) struck a note: it stays in storage, out of the summary.</summary>
public sealed record NoteStrikeRecord : SessionItem
{
    public required string NoteId { get; init; }
}

/// <summary>A note as it stands: its record, and whether it was struck.</summary>
public sealed record Note(NoteRecord Record, bool Struck)
{
    public string Id => Record.Id;
}
