using System.Text;
using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>
/// The summary as Markdown, for people (readable as plain text too). Everything people typed is
/// escaped (<see cref="Markdown"/>): it cannot add headings, links, lists or HTML. Links appear
/// only in the links section, as autolinks of checked http(s) addresses.
/// </summary>
public static class SummaryMarkdown
{
    /// <summary>A hard line break in CommonMark: two spaces at the end of a line.</summary>
    private const string HardBreak = "  \n";

    public static string Render(SessionSummary summary, Text text)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(text);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Markdown.EscapeInline(SummaryText.Title(summary, text))).AppendLine();
        md.AppendLine(Markdown.EscapeInline(SummaryText.HeldOn(summary, text))).AppendLine();
        if (summary.Audience == SummaryAudience.Facilitators)
        {
            md.Append("**").Append(Markdown.EscapeInline(text["SummaryForFacilitators"])).AppendLine("**").AppendLine();
        }

        md.Append("## ").AppendLine(Markdown.EscapeInline(text["SummaryAttendanceTitle"])).AppendLine();
        foreach (var (label, value) in SummaryText.Attendance(summary, text))
        {
            md.Append("- ").Append(Markdown.EscapeInline(label)).Append(": ").AppendLine(Markdown.EscapeInline(value));
        }

        md.AppendLine().Append("## ").AppendLine(Markdown.EscapeInline(text["SummaryPitchesTitle"])).AppendLine();
        if (summary.Pitches.Count == 0)
        {
            md.AppendLine(Markdown.EscapeInline(text["SummaryNoPitches"])).AppendLine();
        }

        foreach (var pitch in summary.Pitches)
        {
            Pitch(md, pitch, text);
        }

        md.Append("## ").AppendLine(Markdown.EscapeInline(text["SummaryNotesTitle"])).AppendLine();
        if (summary.Notes.Count == 0)
        {
            md.AppendLine(Markdown.EscapeInline(text["SummaryNoNotes"]));
        }

        foreach (var note in summary.Notes)
        {
            md.Append("- ");
            if (note.Tags.Count > 0)
            {
                md.Append('*').Append(Markdown.EscapeInline(SummaryText.Tags(note, text))).Append("*: ");
            }

            md.AppendLine(Markdown.EscapeInline(note.Text));
        }

        var links = summary.Links.Where(Links.IsWebLink).ToList();
        if (links.Count > 0)
        {
            md.AppendLine().Append("## ").AppendLine(Markdown.EscapeInline(text["SummaryLinksTitle"])).AppendLine();
            foreach (var link in links)
            {
                // An autolink: the checked address has no spaces, '<' or '>', so it cannot end early.
                md.Append("- <").Append(link).AppendLine(">");
            }
        }

        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void Pitch(StringBuilder md, SummaryPitch pitch, Text text)
    {
        md.Append("### ").AppendLine(Markdown.EscapeInline(SummaryText.PitchHeading(pitch, text))).AppendLine();
        if (!pitch.Presented)
        {
            md.Append('*').Append(Markdown.EscapeInline(text["SummaryNotPresented"])).AppendLine("*").AppendLine();
        }

        foreach (var (question, value) in pitch.Content.Fields())
        {
            if (value is not null)
            {
                md.Append("**").Append(Markdown.EscapeInline(PitchText.Question(text, question))).Append("**").Append(HardBreak)
                    .AppendLine(Markdown.Escape(value, HardBreak)).AppendLine();
            }
        }

        foreach (var (kind, answers) in SummaryText.AnswerGroups(pitch))
        {
            md.Append("#### ").AppendLine(Markdown.EscapeInline(text.Format("SummaryAnswerGroup", PitchText.AnswerKindPlural(text, kind), answers.Count))).AppendLine();
            foreach (var answer in answers)
            {
                md.Append("- ").AppendLine(Markdown.EscapeInline(text.Format("SummaryAnswerLine", answer.Text, answer.AuthorName)));
            }

            md.AppendLine();
        }

        if (pitch.NextStep is { } step)
        {
            md.Append("**").Append(Markdown.EscapeInline(text["SummaryNextStepLabel"])).Append("**").Append(HardBreak)
                .AppendLine(Markdown.Escape(step, HardBreak)).AppendLine();
        }
    }
}
