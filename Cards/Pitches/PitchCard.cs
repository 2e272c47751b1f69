using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Pitches;

/// <summary>
/// The pitch card in a participant's 1:1 chat with the bot: the four connectortafel questions,
/// who may see the answers, or "Ik kom enkel luisteren". Before the session it can be edited and
/// withdrawn; once the session runs it shows where the pitch stands.
/// </summary>
public static class PitchCard
{
    /// <param name="session">The session the pitch is for.</param>
    /// <param name="records">Its records (the person's pitch is found in them).</param>
    /// <param name="person">Who looks at the card (the Bot's user key).</param>
    /// <param name="text">The reader's language.</param>
    /// <param name="editing">Show the form (after "Stel je vraag vooraf" or "Pas aan"); otherwise what was saved.</param>
    public static AdaptiveCard Render(Session session, SessionRecords records, string person, Text text, bool editing)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(text);
        var pitch = records.PitchOf(person);
        var may = RoundPermissions.For(session, records, person);
        var body = new List<CardElement> { Header(session, text) };
        List<CardAction> actions = [];
        if (session.Status == SessionStatus.Closed)
        {
            body.Add(new TextBlock(text["PitchCardClosed"]));
        }
        else if (session.Status == SessionStatus.Open)
        {
            body.Add(new TextBlock(pitch is { Withdrawn: false, ListenOnly: false } ? text["PitchCardStarted"] : text["PitchCardStartedNoPitch"]));
            AddSaved(body, pitch, text);
        }
        else if (editing || pitch is null)
        {
            body.Add(new TextBlock(text["PitchCardIntro"]));
            body.AddRange(PitchForms.PitchInputs(text, pitch, offerListenOnly: true));
            actions.Add(PitchForms.SubmitPitchButton(text, session, pitch is { Withdrawn: false } ? "ButtonSaveChanges" : "ButtonSendPitch") with { Data = Data(session) });
        }
        else
        {
            body.Add(new TextBlock(pitch.Withdrawn ? text["PitchCardWithdrawn"] : pitch.ListenOnly ? text["PitchCardListenOnly"] : text["PitchCardSaved"])
            {
                Weight = "bolder",
                Color = pitch.Withdrawn ? null : "good",
            });
            AddSaved(body, pitch, text);
            actions.Add(new ExecuteAction(
                text[pitch is { Withdrawn: false, ListenOnly: false } ? "ButtonEditPitch" : "ButtonAskAnyway"],
                SessionVerbs.ShowPitchForm,
                Data(session)));
        }

        if (may.WithdrawPitch && session.Status != SessionStatus.Closed)
        {
            actions.Add(new ExecuteAction(
                text[pitch is { ListenOnly: true } ? "ButtonNotComing" : "ButtonWithdrawPitch"],
                SessionVerbs.WithdrawPitch,
                Data(session))
            { Style = "destructive" });
        }

        return new AdaptiveCard(body, actions);
    }

    /// <summary>
    /// More than one session is planned where this person is: which one is the question for?
    /// Each button opens the pitch card of that session.
    /// </summary>
    public static AdaptiveCard Choose(IReadOnlyList<Session> planned, Text text)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(text);
        if (planned.Count == 0)
        {
            return new AdaptiveCard([new TextBlock(text["PitchChooseNone"])]);
        }

        return new AdaptiveCard(
        [
            new TextBlock(text["PitchChooseTitle"]) { Size = "medium", Weight = "bolder", Style = "heading" },
            .. planned.Select(s => (CardElement)new Container(
            [
                new TextBlock(Name(s, text)) { Weight = "bolder" },
                new ActionSet([new ExecuteAction(text["ButtonAskBeforehand"], SessionVerbs.ShowPitchForm, Data(s))]),
            ])
            { Separator = true }),
        ]);
    }

    /// <summary>The buttons of a 1:1 card name the group conversation too: the Bot finds the session by it.</summary>
    private static Dictionary<string, string> Data(Session session) =>
        SessionCard.Data(session, (SessionVerbs.ConversationKey, session.ConversationKey));

    private static Container Header(Session session, Text text) =>
        new(
        [
            new TextBlock(text.Format("PitchCardTitle", Name(session, text))) { Size = "medium", Weight = "bolder", Style = "heading" },
        ]);

    private static string Name(Session session, Text text)
    {
        var kind = SessionCard.KindName(text, session.Kind);
        var name = session.Title is null ? kind : text.Format("SessionHeading", kind, Markdown.EscapeInline(session.Title));
        return session.PlannedFor is { } when ? text.Format("PitchCardWhen", name, PitchText.When(text, when)) : name;
    }

    private static void AddSaved(List<CardElement> body, Pitch? pitch, Text text)
    {
        if (pitch is not { Withdrawn: false, ListenOnly: false })
        {
            return;
        }

        body.Add(new FactSet(
        [
            .. pitch.Content.Fields().Where(f => f.Value is not null).Select(f => new Fact(PitchText.Question(text, f.Question), Markdown.Escape(f.Value))),
            new Fact(text["PitchVisibilityLabel"], PitchText.Visibility(text, pitch.Visibility)),
        ]));
    }
}
