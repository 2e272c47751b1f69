using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Pitches;

/// <summary>The forms of the pitch round, shared by the cards that hold them (the 1:1 pitch card, the live card, the answer card).</summary>
public static class PitchForms
{
    /// <summary>
    /// The four questions and "Wie mag dit zien?" (with "Ik kom enkel luisteren" before the
    /// session), prefilled with <paramref name="pitch"/> when it is being edited.
    /// </summary>
    public static IReadOnlyList<CardElement> PitchInputs(Text text, Pitch? pitch, bool offerListenOnly)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = pitch is { Withdrawn: false, ListenOnly: false } ? pitch.Content : PitchContent.Empty;
        var ids = new Dictionary<PitchQuestion, string>
        {
            [PitchQuestion.WhatIsAlive] = SessionVerbs.PitchAliveInput,
            [PitchQuestion.WhatYouSeek] = SessionVerbs.PitchSeekInput,
            [PitchQuestion.NextStep] = SessionVerbs.PitchStepInput,
            [PitchQuestion.CuriousAbout] = SessionVerbs.PitchCuriousInput,
        };
        var inputs = content.Fields().Select(f => (CardElement)new TextInput(ids[f.Question])
        {
            Label = PitchText.Question(text, f.Question),
            Placeholder = text[$"PitchPlaceholder{f.Question}"],
            Value = f.Value,
            IsMultiline = true,
            MaxLength = RoundRules.MaxPitchFieldLength,
        }).ToList();
        var choices = Enum.GetValues<PitchVisibility>().Select(v => new Choice(PitchText.Visibility(text, v), SessionVerbs.Value(v))).ToList();
        if (offerListenOnly)
        {
            choices.Add(new Choice(text["PitchListenOnlyChoice"], SessionVerbs.ListenOnlyValue));
        }

        inputs.Add(new ChoiceSetInput(SessionVerbs.PitchVisibilityInput, choices)
        {
            Label = text["PitchVisibilityLabel"],
            Value = pitch switch
            {
                { ListenOnly: true, Withdrawn: false } when offerListenOnly => SessionVerbs.ListenOnlyValue,
                { Withdrawn: false, ListenOnly: false } => SessionVerbs.Value(pitch.Visibility),
                _ => SessionVerbs.Value(PitchVisibility.Group),
            },
            IsRequired = true,
            ErrorMessage = text["PitchVisibilityError"],
        });
        return inputs;
    }

    /// <summary>The button that sends the pitch form.</summary>
    public static ExecuteAction SubmitPitchButton(Text text, Session session, string titleKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ExecuteAction(text[titleKey], SessionVerbs.SubmitPitch, SessionCard.Data(session)) { Style = "positive", AssociatedInputs = "auto" };
    }

    /// <summary>Tip, contact, offer or question, and the text (sent with <see cref="AnswerButton"/>).</summary>
    public static IReadOnlyList<CardElement> AnswerInputs(Text text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return
        [
            new ChoiceSetInput(
                SessionVerbs.AnswerKindInput,
                [.. Enum.GetValues<AnswerKind>().Select(k => new Choice(text[$"AnswerChoice{k}"], SessionVerbs.Value(k)))])
            {
                Label = text["AnswerKindLabel"],
                Value = SessionVerbs.Value(AnswerKind.Tip),
                IsRequired = true,
                ErrorMessage = text["AnswerKindError"],
            },
            new TextInput(SessionVerbs.AnswerTextInput)
            {
                Label = text["AnswerTextLabel"],
                Placeholder = text["AnswerTextPlaceholder"],
                IsMultiline = true,
                MaxLength = RoundRules.MaxAnswerLength,
                IsRequired = true,
                ErrorMessage = text["AnswerTextError"],
            },
        ];
    }

    /// <param name="text">The reader's language.</param>
    /// <param name="session">The session.</param>
    /// <param name="pitchId">The pitch answered.</param>
    /// <param name="onAnswerCard">On the <see cref="AnswerCard"/> (its sender gets that card back), not the live card.</param>
    public static ExecuteAction AnswerButton(Text text, Session session, string pitchId, bool onAnswerCard = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var data = onAnswerCard
            ? SessionCard.Data(session, (SessionVerbs.PitchIdKey, pitchId), (SessionVerbs.OriginKey, SessionVerbs.AnswerCardOriginValue))
            : SessionCard.Data(session, (SessionVerbs.PitchIdKey, pitchId));
        return new ExecuteAction(text["ButtonSendAnswer"], SessionVerbs.Answer, data)
        {
            Style = "positive",
            AssociatedInputs = "auto",
        };
    }

    public static AdaptiveCard NextStepForm(Text text, Session session, string pitchId, string? current)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AdaptiveCard(
            [
                new TextInput(SessionVerbs.NextStepInput)
                {
                    Label = text["NextStepLabel"],
                    Placeholder = text["NextStepPlaceholder"],
                    Value = current,
                    IsMultiline = true,
                    MaxLength = RoundRules.MaxNextStepLength,
                    IsRequired = true,
                    ErrorMessage = text["NextStepError"],
                },
            ],
            [
                new ExecuteAction(text["ButtonSaveNextStep"], SessionVerbs.NextStep, SessionCard.Data(session, (SessionVerbs.PitchIdKey, pitchId)))
                {
                    Style = "positive",
                    AssociatedInputs = "auto",
                },
            ]);
    }

    public static AdaptiveCard StrikeForm(Text text, Session session, IReadOnlyList<Note> notes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(notes);
        return new AdaptiveCard(
            [
                new ChoiceSetInput(
                    SessionVerbs.StrikeNoteInput,
                    [.. notes.Select(n => new Choice(PitchText.Shorten(n.Record.Text, PitchText.PreviewLength), n.Id))])
                {
                    Label = text["StrikeNoteLabel"],
                    Style = "compact",
                    IsRequired = true,
                    ErrorMessage = text["StrikeNoteError"],
                },
            ],
            [new ExecuteAction(text["ButtonStrikeConfirm"], SessionVerbs.StrikeNote, SessionCard.Data(session)) { Style = "destructive", AssociatedInputs = "auto" }]);
    }
}
