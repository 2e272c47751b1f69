using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Pitches;

/// <summary>
/// The card the bot posts in the group when a pitch comes up ("Volgende pitch"): the pitch as the
/// group may see it, and one form to answer it with a tip, a contact, an offer or a question.
/// It goes to everyone, so it shows what the group may see, never more.
/// </summary>
public static class AnswerCard
{
    /// <param name="view">The session and its records.</param>
    /// <param name="pitchId">The pitch to answer.</param>
    /// <param name="text">The reader's language.</param>
    /// <param name="thanks">The answerer's own copy after sending ("Dank je!", the form empty again).</param>
    public static AdaptiveCard Render(SessionView view, string pitchId, Text text, bool thanks = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(text);
        var (session, records) = (view.Session, view.Records);
        var pitch = records.FindPitch(pitchId) ?? throw new ArgumentException($"No pitch '{pitchId}' in the records.", nameof(pitchId));
        var body = new List<CardElement>();
        if (thanks)
        {
            body.Add(new TextBlock(text["AnswerThanks"]) { Color = "good", Weight = "bolder" });
        }

        body.Add(new TextBlock(text.Format("AnswerCardTitle", PitchText.Title(text, pitch, session, null))) { Size = "medium", Weight = "bolder", Style = "heading" });
        if (PitchAudience.CanSeeContent(pitch, session, null))
        {
            body.Add(new FactSet([.. pitch.Content.Fields().Where(f => f.Value is not null)
                .Select(f => new Fact(PitchText.Question(text, f.Question), Markdown.Escape(f.Value)))]));
            body.Add(new TextBlock(PitchText.Counts(text, records.AnswersTo(pitch.Id))) { IsSubtle = true });
        }
        else
        {
            body.Add(new TextBlock(text["RoundForFacilitatorsHint"]) { IsSubtle = true });
        }

        if (session.Status != SessionStatus.Open)
        {
            body.Add(new TextBlock(text["AnswerCardClosed"]));
            return new AdaptiveCard(body);
        }

        body.Add(new TextBlock(text["AnswerCardIntro"]) { Spacing = "medium" });
        body.AddRange(PitchForms.AnswerInputs(text));
        return new AdaptiveCard(body, [PitchForms.AnswerButton(text, session, pitch.Id, onAnswerCard: true)]);
    }
}
