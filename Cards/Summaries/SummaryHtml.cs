using System.Text;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>
/// The summary as a web page, readable on screen and printable: simple semantic HTML with a small
/// print stylesheet, well-formed (it parses as XML too). Every text is HTML-encoded; the only
/// links are checked http(s) addresses.
/// </summary>
public static class SummaryHtml
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #222; margin: 0; }
        main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
        h3 { font-size: 1.1rem; margin-bottom: 0.3rem; }
        h4 { font-size: 1rem; margin: 0.8rem 0 0.2rem; }
        .held, .note, .by { color: #555; }
        .audience { font-weight: bold; color: #a4262c; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        article { border-left: 4px solid #e0e0e0; padding-left: 1rem; margin: 1rem 0 1.5rem; }
        @media print {
          body { font-size: 11pt; color: #000; }
          main { max-width: none; padding: 0; }
          article { break-inside: avoid; border-left-color: #999; }
          h2, h3, h4 { break-after: avoid; }
          a { color: #000; text-decoration: none; }
        }
        """;

    public static string Render(SessionSummary summary, Text text)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        var title = SummaryText.Title(summary, text);
        html.AppendLine("<!DOCTYPE html>")
            .Append("<html lang=\"").Append(Encode(text.Culture.Name.Length == 0 ? "nl-BE" : text.Culture.Name)).AppendLine("\">")
            .AppendLine("<head>")
            .AppendLine("<meta charset=\"utf-8\" />")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
            .Append("<title>").Append(Encode(title)).AppendLine("</title>")
            .Append("<style>").Append(Style).AppendLine("</style>")
            .AppendLine("</head>")
            .AppendLine("<body>")
            .AppendLine("<main>")
            .AppendLine("<header>")
            .Append("<h1>").Append(Encode(title)).AppendLine("</h1>")
            .Append("<p class=\"held\">").Append(Encode(SummaryText.HeldOn(summary, text))).AppendLine("</p>");
        if (summary.Audience == SummaryAudience.Facilitators)
        {
            html.Append("<p class=\"audience\">").Append(Encode(text["SummaryForFacilitators"])).AppendLine("</p>");
        }

        html.AppendLine("</header>");
        html.AppendLine("<section>").Append("<h2>").Append(Encode(text["SummaryAttendanceTitle"])).AppendLine("</h2>").AppendLine("<dl>");
        foreach (var (label, value) in SummaryText.Attendance(summary, text))
        {
            html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).AppendLine("</dd>");
        }

        html.AppendLine("</dl>").AppendLine("</section>");
        html.AppendLine("<section>").Append("<h2>").Append(Encode(text["SummaryPitchesTitle"])).AppendLine("</h2>");
        if (summary.Pitches.Count == 0)
        {
            html.Append("<p>").Append(Encode(text["SummaryNoPitches"])).AppendLine("</p>");
        }

        foreach (var pitch in summary.Pitches)
        {
            Pitch(html, pitch, text);
        }

        html.AppendLine("</section>");
        html.AppendLine("<section>").Append("<h2>").Append(Encode(text["SummaryNotesTitle"])).AppendLine("</h2>");
        if (summary.Notes.Count == 0)
        {
            html.Append("<p>").Append(Encode(text["SummaryNoNotes"])).AppendLine("</p>");
        }
        else
        {
            html.AppendLine("<ul>");
            foreach (var note in summary.Notes)
            {
                html.Append("<li>");
                if (note.Tags.Count > 0)
                {
                    html.Append("<span class=\"note\">").Append(Encode(SummaryText.Tags(note, text))).Append(":</span> ");
                }

                html.Append(Lines(note.Text)).AppendLine("</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("</section>");
        var links = summary.Links.Where(Links.IsWebLink).ToList();
        if (links.Count > 0)
        {
            html.AppendLine("<section>").Append("<h2>").Append(Encode(text["SummaryLinksTitle"])).AppendLine("</h2>").AppendLine("<ul>");
            foreach (var link in links)
            {
                html.Append("<li><a href=\"").Append(Encode(link)).Append("\" rel=\"noopener noreferrer\">").Append(Encode(link)).AppendLine("</a></li>");
            }

            html.AppendLine("</ul>").AppendLine("</section>");
        }

        html.AppendLine("</main>").AppendLine("</body>").AppendLine("</html>");
        return html.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>
    /// Text for HTML content and double-quoted attributes: the five special characters become
    /// entities; control characters (not allowed in HTML or XML) are dropped.
    /// </summary>
    public static string Encode(string? value)
    {
        var encoded = new StringBuilder((value ?? string.Empty).Length);
        foreach (var c in value ?? string.Empty)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ when char.IsControl(c) && c is not ('\n' or '\t') => encoded,
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }

    private static void Pitch(StringBuilder html, SummaryPitch pitch, Text text)
    {
        html.AppendLine("<article>").Append("<h3>").Append(Encode(SummaryText.PitchHeading(pitch, text))).AppendLine("</h3>");
        if (!pitch.Presented)
        {
            html.Append("<p class=\"note\">").Append(Encode(text["SummaryNotPresented"])).AppendLine("</p>");
        }

        html.AppendLine("<dl>");
        foreach (var (question, value) in pitch.Content.Fields())
        {
            if (value is not null)
            {
                html.Append("<dt>").Append(Encode(PitchText.Question(text, question))).Append("</dt><dd>").Append(Lines(value)).AppendLine("</dd>");
            }
        }

        html.AppendLine("</dl>");
        foreach (var (kind, answers) in SummaryText.AnswerGroups(pitch))
        {
            html.Append("<h4>").Append(Encode(text.Format("SummaryAnswerGroup", PitchText.AnswerKindPlural(text, kind), answers.Count))).AppendLine("</h4>").AppendLine("<ul>");
            foreach (var answer in answers)
            {
                html.Append("<li>").Append(Lines(answer.Text)).Append(" <span class=\"by\">— ").Append(Encode(answer.AuthorName)).AppendLine("</span></li>");
            }

            html.AppendLine("</ul>");
        }

        if (pitch.NextStep is { } step)
        {
            html.Append("<p><strong>").Append(Encode(text["SummaryNextStepLabel"])).Append("</strong> ").Append(Lines(step)).AppendLine("</p>");
        }

        html.AppendLine("</article>");
    }

    /// <summary>Encoded text whose line breaks show as line breaks.</summary>
    private static string Lines(string value) =>
        string.Join("<br />", value.ReplaceLineEndings("\n").Split('\n').Select(Encode));
}
