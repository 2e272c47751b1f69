using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>The personal recap a pitcher gets in a 1:1 chat after the session: their pitch, every answer, their next step.</summary>
public static class RecapCard
{
    public static AdaptiveCard Render(PitchRecap recap, Text text)
    {
        ArgumentNullException.ThrowIfNull(recap);
        ArgumentNullException.ThrowIfNull(text);
        var kind = SessionCard.KindName(text, recap.Kind);
        var session = recap.Title is null ? kind : text.Format("SessionHeading", kind, Markdown.EscapeInline(recap.Title));
        var pitch = recap.Pitch;
        var body = new List<CardElement>
        {
            new TextBlock(text.Format("RecapTitle", session)) { Size = "medium", Weight = "bolder", Style = "heading" },
            new TextBlock(text.Format("SummaryHeldOn", PitchText.When(text, recap.HeldOn))) { IsSubtle = true, Spacing = "none" },
            new TextBlock(text[pitch.Presented ? "RecapThanks" : "RecapNotPresented"]),
            new FactSet([.. pitch.Content.Fields().Where(f => f.Value is not null)
                .Select(f => new Fact(PitchText.Question(text, f.Question), Markdown.Escape(f.Value)))]),
        };
        foreach (var (answerKind, answers) in SummaryText.AnswerGroups(pitch))
        {
            body.Add(new TextBlock(text.Format("SummaryAnswerGroup", PitchText.AnswerKindPlural(text, answerKind), answers.Count)) { Weight = "bolder", Spacing = "medium" });
            body.Add(new TextBlock(string.Join("\n", answers.Select(a => "- " + text.Format("SummaryAnswerLine", Markdown.EscapeInline(a.Text), Markdown.EscapeInline(a.AuthorName))))));
        }

        body.Add(new TextBlock(pitch.NextStep is { } step ? text.Format("RecapNextStep", Markdown.Escape(step)) : text["RecapNoNextStep"]) { Spacing = "medium" });
        return new AdaptiveCard(body);
    }
}
