using System.Globalization;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Pitches;

/// <summary>
/// How pitches, answers, notes and times read, in one place, so every card and message names a
/// pitch the same way for the same viewer (see <see cref="PitchAudience"/>).
/// </summary>
public static class PitchText
{
    /// <summary>The longest one-line preview of a pitch in a list.</summary>
    public const int PreviewLength = 100;

    public static string Question(Text text, PitchQuestion question)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"PitchQuestion{question}"];
    }

    public static string Visibility(Text text, PitchVisibility visibility)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"PitchVisibility{visibility}"];
    }

    public static string AnswerKind(Text text, AnswerKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"AnswerKind{kind}"];
    }

    /// <summary>The plural heading of a kind of answers ("Tips", "Contacten", ...).</summary>
    public static string AnswerKindPlural(Text text, AnswerKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"AnswerKindPlural{kind}"];
    }

    public static string NoteTag(Text text, NoteTag tag)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"NoteTag{tag}"];
    }

    /// <summary>
    /// Who a pitch is by, as this viewer (null: the group) may see it: "Jouw pitch", the name, "Een
    /// anonieme pitch" or "Een pitch voor de begeleiders". Escaped for Markdown.
    /// </summary>
    public static string Title(Text text, Pitch pitch, Session session, string? viewer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pitch);
        ArgumentNullException.ThrowIfNull(session);
        if (viewer is not null && viewer == pitch.AuthorKey)
        {
            return text["PitchYours"];
        }

        if (!PitchAudience.CanSeeContent(pitch, session, viewer))
        {
            return text["PitchForFacilitators"];
        }

        if (!PitchAudience.CanSeeAuthor(pitch, session, viewer))
        {
            return text["PitchAnonymous"];
        }

        var name = Markdown.EscapeInline(pitch.AuthorName);
        return pitch.Visibility == PitchVisibility.FacilitatorsOnly ? text.Format("PitchNameFacilitatorsOnly", name) : name;
    }

    /// <summary>One line of what the pitch is about, escaped; null when the viewer may not read it.</summary>
    public static string? Preview(Pitch pitch, Session session, string? viewer)
    {
        ArgumentNullException.ThrowIfNull(pitch);
        return PitchAudience.CanSeeContent(pitch, session, viewer) && pitch.Content.Headline() is { } headline
            ? Markdown.EscapeInline(Shorten(headline, PreviewLength))
            : null;
    }

    /// <summary>The answers counted per kind: "2 tips · 1 contact · 0 aanbiedingen · 1 vraag".</summary>
    public static string Counts(Text text, IReadOnlyCollection<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(answers);
        var counts = Enum.GetValues<AnswerKind>().ToDictionary(k => k, _ => 0);
        foreach (var answer in answers)
        {
            counts[answer.Kind]++;
        }

        return string.Join(" · ", counts.Select(c => text.Format($"AnswerCount{c.Key}", c.Value)));
    }

    /// <summary>A moment in Brussels time, written out: "zaterdag 28 november 2026 om 19:30".</summary>
    public static string When(Text text, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Format("PitchWhen", StuyfplekTime.ToLocal(moment));
    }

    /// <summary>The clock time in Brussels: "19:35".</summary>
    public static string Clock(DateTimeOffset moment) =>
        StuyfplekTime.ToLocal(moment).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A duration as minutes and seconds: "4:05".</summary>
    public static string Duration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}:{duration.Seconds:00}");

    public static string Shorten(string value, int length)
    {
        ArgumentNullException.ThrowIfNull(value);
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= length ? line : string.Concat(line.AsSpan(0, length - 1).TrimEnd(), "…");
    }
}
