using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>
/// The summary as a card, posted in the group when the session closes (the group audience) or
/// opened by the coordinator. A card has a size limit, so it shows the first answers, notes and
/// links and says how many more the stored Markdown and HTML hold.
/// </summary>
public static class SummaryCard
{
    public const int MaxAnswersPerPitch = 8;
    public const int MaxNotes = 15;
    public const int MaxLinks = 15;

    public static AdaptiveCard Render(SessionSummary summary, Text text)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(text);
        var body = new List<CardElement>
        {
            new TextBlock(Markdown.EscapeInline(SummaryText.Title(summary, text))) { Size = "large", Weight = "bolder", Style = "heading" },
            new TextBlock(SummaryText.HeldOn(summary, text)) { IsSubtle = true, Spacing = "none" },
        };
        if (summary.Audience == SummaryAudience.Facilitators)
        {
            body.Add(new TextBlock(text["SummaryForFacilitators"]) { Color = "attention", Weight = "bolder" });
        }

        body.Add(Heading(text["SummaryAttendanceTitle"]));
        body.Add(new FactSet([.. SummaryText.Attendance(summary, text).Select(f => new Fact(f.Label, Markdown.EscapeInline(f.Value)))]));
        body.Add(Heading(text["SummaryPitchesTitle"]));
        if (summary.Pitches.Count == 0)
        {
            body.Add(new TextBlock(text["SummaryNoPitches"]));
        }

        body.AddRange(summary.Pitches.Select(p => Pitch(p, text)));
        body.Add(Heading(text["SummaryNotesTitle"]));
        body.Add(new TextBlock(summary.Notes.Count == 0 ? text["SummaryNoNotes"] : List(summary.Notes.Select(n => Note(n, text)), MaxNotes, text)));
        if (summary.Links.Count > 0)
        {
            body.Add(Heading(text["SummaryLinksTitle"]));
            body.Add(new TextBlock(List(summary.Links.Where(Links.IsWebLink).Select(Link), MaxLinks, text)));
        }

        return new AdaptiveCard(body);
    }

    /// <summary>One pitch: who, the four answers, the answers by kind (the first few), the next step.</summary>
    internal static Container Pitch(SummaryPitch pitch, Text text)
    {
        var items = new List<CardElement>
        {
            new TextBlock(Markdown.EscapeInline(SummaryText.PitchHeading(pitch, text))) { Weight = "bolder" },
        };
        if (!pitch.Presented)
        {
            items.Add(new TextBlock(text["SummaryNotPresented"]) { IsSubtle = true, Spacing = "none" });
        }

        items.Add(new FactSet([.. pitch.Content.Fields().Where(f => f.Value is not null)
            .Select(f => new Fact(PitchText.Question(text, f.Question), Markdown.Escape(f.Value)))]));
        var shown = 0;
        foreach (var (kind, answers) in SummaryText.AnswerGroups(pitch))
        {
            var visible = answers.Take(Math.Max(0, MaxAnswersPerPitch - shown)).ToList();
            shown += visible.Count;
            if (visible.Count > 0)
            {
                items.Add(new TextBlock(text.Format("SummaryAnswerGroup", PitchText.AnswerKindPlural(text, kind), answers.Count)) { Weight = "bolder", Spacing = "small" });
                items.Add(new TextBlock(string.Join("\n", visible.Select(a => text.Format("SummaryAnswerLine", Markdown.EscapeInline(a.Text), Markdown.EscapeInline(a.AuthorName))))) { Spacing = "none" });
            }
        }

        if (pitch.Answers.Count > shown)
        {
            items.Add(new TextBlock(text.Format("SummaryMoreAnswers", pitch.Answers.Count - shown)) { IsSubtle = true });
        }

        if (pitch.NextStep is { } step)
        {
            items.Add(new TextBlock(text.Format("RoundNextStepLine", Markdown.Escape(step))));
        }

        return new Container(items) { Separator = true, Spacing = "medium" };
    }

    private static string Note(SummaryNote note, Text text) =>
        note.Tags.Count == 0 ? Markdown.EscapeInline(note.Text) : text.Format("SummaryNoteLine", SummaryText.Tags(note, text), Markdown.EscapeInline(note.Text));

    /// <summary>A link in card Markdown; brackets in the address are percent-encoded so it cannot end early.</summary>
    private static string Link(string url) =>
        $"[{Markdown.EscapeInline(url)}]({url.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)})";

    private static string List(IEnumerable<string> lines, int max, Text text)
    {
        var all = lines.ToList();
        var shown = all.Take(max).Select(l => "- " + l);
        return string.Join("\n", all.Count > max ? shown.Append(text.Format("SummaryMore", all.Count - max)) : shown);
    }

    private static TextBlock Heading(string title) =>
        new(title) { Weight = "bolder", Size = "medium", Style = "heading", Spacing = "medium" };
}
