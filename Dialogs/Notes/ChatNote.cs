using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;

namespace StuyfBot.Dialogs.Notes;

/// <summary>
/// A chat line read as a note: "@StuyfBot #tip bel de VDAB" (tags: #tip, #contact, #link,
/// #idee, #stap; English #idea and #step too; several may be combined) or "@StuyfBot noteer ..."
/// (English "note ..."), which only the chat-scribe may use. The text keeps everything but the
/// bot's mention and the tags; other people's mentions keep their names.
/// </summary>
public sealed partial record ChatNote(NoteSource Source, ImmutableList<NoteTag> Tags, string Text, ImmutableList<string> Links)
{
    /// <summary>The note in this chat line; null when the line is no note (no tag and no "noteer").</summary>
    /// <param name="text">The message text as Teams sends it (mentions as &lt;at&gt;Name&lt;/at&gt;).</param>
    /// <param name="botMentions">The exact mention texts of the bot in this message (from its mention entities).</param>
    public static ChatNote? Parse(string? text, IEnumerable<string>? botMentions = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var plain = text;
        foreach (var mention in botMentions ?? [])
        {
            if (!string.IsNullOrEmpty(mention))
            {
                plain = plain.Replace(mention, " ", StringComparison.Ordinal);
            }
        }

        plain = WebUtility.HtmlDecode(OtherMention().Replace(plain, "${name}")).Replace('\u00A0', ' ');
        var forward = Forward().Match(plain);
        var source = forward.Success ? NoteSource.Forwarded : NoteSource.Tagged;
        if (forward.Success)
        {
            plain = plain[forward.Length..];
        }

        var links = Notes.Links.Spans(plain).ToList();
        var tags = new List<NoteTag>();
        var kept = Tag().Replace(plain, match =>
        {
            if (links.Any(l => match.Index >= l.Start && match.Index < l.Start + l.Length))
            {
                return match.Value;
            }

            tags.Add(TagOf(match.Groups["tag"].Value));
            return " ";
        });
        if (source == NoteSource.Tagged && tags.Count == 0)
        {
            return null;
        }

        var clean = Tidy(kept);
        return new ChatNote(source, [.. tags.Distinct()], clean, [.. Notes.Links.In(clean)]);
    }

    private static NoteTag TagOf(string tag) => tag.ToLowerInvariant() switch
    {
        "tip" or "tips" => NoteTag.Tip,
        "contact" or "contacten" or "contacts" => NoteTag.Contact,
        "link" or "links" => NoteTag.Link,
        "idee" or "ideeën" or "idea" or "ideas" => NoteTag.Idea,
        _ => NoteTag.Step,
    };

    /// <summary>Spaces collapsed within each line, blank lines dropped.</summary>
    private static string Tidy(string text) =>
        string.Join('\n', text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0));

    [GeneratedRegex(@"<at>(?<name>.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OtherMention();

    [GeneratedRegex(@"^\s*(?:noteer|note)(?:\s*:\s*|\s+|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Forward();

    [GeneratedRegex(@"(?<![\w#&])#(?<tag>tips?|contacten|contacts?|links?|idee(?:ën)?|ideas?|stap|step)(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Spaces();
}
