using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Cards.Sessions;

/// <summary>
/// The pitch round on the live session card: the pitch up now with its answers and timer, the
/// queue, what was skipped and what came up, each pitch shown as the viewer may see it; and the
/// round's buttons (for the moderator and the timekeeper only in their own view).
/// </summary>
internal static class SessionRound
{
    public static IEnumerable<CardElement> Section(SessionView view, Text text, string? viewer, RoundPermissions? may)
    {
        var (session, records) = (view.Session, view.Records);
        yield return Heading(text["SessionPitchesTitle"]);
        if (session.Status == SessionStatus.Planned)
        {
            yield return new TextBlock(PlannedLine(records, text));
            yield break;
        }

        var round = session.Round;
        var current = PitchQueue.Current(round, records);
        var waiting = PitchQueue.Waiting(round, records);
        var skipped = PitchQueue.Skipped(round, records);
        var done = PitchQueue.Presented(round, records).Where(p => p.Id != round.Current).ToList();
        if (current is null && waiting.Count == 0 && skipped.Count == 0 && done.Count == 0)
        {
            yield return new TextBlock(text["SessionNoPitches"]);
        }

        if (current is not null)
        {
            yield return Current(view, current, text, viewer);
        }

        if (waiting.Count > 0)
        {
            yield return SubHeading(text.Format("RoundWaitingTitle", waiting.Count));
            for (var i = 0; i < waiting.Count; i++)
            {
                yield return Row(view, waiting[i], $"{i + 1}. ", text, viewer, may);
            }
        }

        if (skipped.Count > 0)
        {
            yield return SubHeading(text.Format("RoundSkippedTitle", skipped.Count));
            foreach (var pitch in skipped)
            {
                yield return Row(view, pitch, string.Empty, text, viewer, may);
            }
        }

        if (done.Count > 0)
        {
            yield return SubHeading(text.Format("RoundDoneTitle", done.Count));
            yield return new TextBlock(string.Join("\n\n", done.Select(p => text.Format(
                "RoundDoneLine", PitchText.Title(text, p, session, viewer), Counts(view, p, text, viewer)))));
        }

        var notes = records.Notes.Where(n => !n.Struck).ToList();
        if (notes.Count > 0)
        {
            yield return new TextBlock(text.Format("RoundNotesLine", notes.Count, notes.SelectMany(n => n.Record.Links).Distinct(StringComparer.Ordinal).Count()))
            {
                IsSubtle = true,
                Spacing = "medium",
            };
        }
    }

    /// <summary>The round's buttons on the shared card: add a pitch, answer the one up (anyone here may).</summary>
    public static IEnumerable<CardAction> SharedActions(SessionView view, Text text)
    {
        var session = view.Session;
        if (session.Status == SessionStatus.Planned)
        {
            yield return Button(text["ButtonAskBeforehand"], SessionVerbs.ShowPitchForm, session) with { Style = "positive" };
            yield return Button(text["ButtonListenOnly"], SessionVerbs.ListenOnly, session);
            yield break;
        }

        yield return AddPitch(session, text);
        if (session.Round.Current is { } current)
        {
            yield return AnswerForm(session, current, text);
        }
    }

    /// <summary>The round's buttons in one person's view: only those the rules allow them.</summary>
    public static IEnumerable<CardElement> PersonalActions(SessionView view, Text text, RoundPermissions may, Pitch? mine)
    {
        var session = view.Session;
        var own = new List<CardAction>();
        if (session.Status == SessionStatus.Planned)
        {
            if (may.SubmitPitch)
            {
                own.Add(Button(text[mine?.IsActive() == true ? "ButtonEditBeforehand" : "ButtonAskBeforehand"], SessionVerbs.ShowPitchForm, session) with { Style = "positive" });
            }

            // Someone who already said so needs no button to say it again.
            if (may.ListenOnly && mine is not { ListenOnly: true, Withdrawn: false })
            {
                own.Add(Button(text["ButtonListenOnly"], SessionVerbs.ListenOnly, session));
            }
        }
        else
        {
            if (may.SubmitPitch)
            {
                own.Add(AddPitch(session, text));
            }

            if (may.Answer is { } current)
            {
                own.Add(AnswerForm(session, current, text));
            }

            if (may.NextStep is { } pitchId)
            {
                own.Add(new ShowCardAction(text["ButtonNextStep"], PitchForms.NextStepForm(text, session, pitchId, view.Records.NextStepOf(pitchId)?.Text)));
            }
        }

        if (may.WithdrawPitch)
        {
            own.Add(Button(text[mine is { ListenOnly: true } ? "ButtonNotComing" : "ButtonWithdrawPitch"], SessionVerbs.WithdrawPitch, session));
        }

        if (own.Count > 0)
        {
            yield return new ActionSet(own);
        }

        if (may.Timer.Count > 0)
        {
            yield return new Container(
            [
                SubHeading(text["RoundTimerTools"]),
                new ActionSet([.. may.Timer.Select(c => Button(TimerButton(c, view, text), SessionVerbs.Verb(c), session))]),
            ]);
        }

        List<CardAction> tools = [];
        if (may.NextPitch)
        {
            var last = PitchQueue.Waiting(session.Round, view.Records).Count == 0;
            tools.Add(Button(text[last ? "ButtonEndPitch" : "ButtonNextPitch"], SessionVerbs.NextPitch, session) with { Style = "positive" });
        }

        if (may.Strike.Count > 0)
        {
            tools.Add(new ShowCardAction(text["ButtonStrikeNote"], PitchForms.StrikeForm(text, session, may.Strike)));
        }

        if (tools.Count > 0)
        {
            yield return new ActionSet(tools);
        }
    }

    /// <summary>"Jouw pitch ..." for the viewer's own pitch; null when they have none.</summary>
    public static string? AboutYourPitch(SessionView view, string me, Text text)
    {
        var (session, records) = (view.Session, view.Records);
        if (records.PitchOf(me) is not { Withdrawn: false } pitch)
        {
            return null;
        }

        if (pitch.ListenOnly)
        {
            return text["RoundYouListenOnly"];
        }

        if (session.Status == SessionStatus.Planned)
        {
            return text.Format("RoundYourPitchReady", PitchText.Visibility(text, pitch.Visibility));
        }

        var place = PitchQueue.Waiting(session.Round, records).ToList().FindIndex(p => p.Id == pitch.Id);
        return session.Round.Current == pitch.Id ? text["RoundYourPitchUp"]
            : session.Round.IsPresented(pitch.Id) ? text["RoundYourPitchDone"]
            : place >= 0 ? text.Format("RoundYourPitchWaiting", place + 1)
            : text["RoundYourPitchSkipped"];
    }

    private static string PlannedLine(SessionRecords records, Text text)
    {
        var pitches = records.Pitches.Count(p => p.IsActive());
        var listeners = records.Pitches.Count(p => p.ListenOnly && !p.Withdrawn);
        return pitches == 0 && listeners == 0 ? text["RoundPlannedNone"] : text.Format("RoundPlannedCounts", pitches, listeners);
    }

    private static Container Current(SessionView view, Pitch pitch, Text text, string? viewer)
    {
        var session = view.Session;
        var items = new List<CardElement>
        {
            new TextBlock(text.Format("RoundCurrent", PitchText.Title(text, pitch, session, viewer))) { Weight = "bolder" },
        };
        if (PitchAudience.CanSeeContent(pitch, session, viewer))
        {
            items.Add(new FactSet([.. pitch.Content.Fields().Where(f => f.Value is not null)
                .Select(f => new Fact(PitchText.Question(text, f.Question), Markdown.Escape(f.Value)))]));
            items.Add(new TextBlock(Counts(view, pitch, text, viewer)) { IsSubtle = true });
            if (view.Records.NextStepOf(pitch.Id) is { } step)
            {
                items.Add(new TextBlock(text.Format("RoundNextStepLine", Markdown.Escape(step.Text))));
            }
        }
        else
        {
            items.Add(new TextBlock(text["RoundForFacilitatorsHint"]) { IsSubtle = true });
        }

        if (session.Round.Timer is { } timer && timer.PitchId == pitch.Id)
        {
            items.Add(new TextBlock(TimerLine(timer, text)));
        }

        return new Container(items) { Style = "emphasis", Spacing = "medium" };
    }

    private static string TimerButton(TimerControl control, SessionView view, Text text) =>
        control == TimerControl.Extend
            ? text.Format("ButtonTimerExtend", (int)Math.Round(view.Timers.Extension.TotalMinutes))
            : text[$"ButtonTimer{control}"];

    private static string TimerLine(PitchTimer timer, Text text) => timer.Status() switch
    {
        TimerStatus.Running => text.Format(
            "RoundTimerRunning",
            PitchText.Clock(timer.EndsAt(TimerPhase.Pitch)!.Value),
            PitchText.Clock(timer.EndsAt(TimerPhase.Answers)!.Value)),
        TimerStatus.Paused => text.Format(
            "RoundTimerPaused",
            PitchText.Duration(timer.Elapsed),
            PitchText.Duration(timer.RemainingIn(timer.PhaseAt(timer.Elapsed), timer.Elapsed)),
            text[$"TimerPhase{timer.PhaseAt(timer.Elapsed)}"]),
        _ => text["RoundTimerStopped"],
    };

    /// <summary>One waiting or skipped pitch, with the moderator's buttons for it in their view.</summary>
    private static Container Row(SessionView view, Pitch pitch, string number, Text text, string? viewer, RoundPermissions? may)
    {
        var title = PitchText.Title(text, pitch, view.Session, viewer);
        var line = PitchText.Preview(pitch, view.Session, viewer) is { } preview ? text.Format("RoundRow", number + title, preview) : number + title;
        var items = new List<CardElement> { new TextBlock(line) { Spacing = "small" } };
        if (may is not null)
        {
            var buttons = new List<CardAction>();
            void Add(IReadOnlyList<string> allowed, string key, string verb)
            {
                if (allowed.Contains(pitch.Id))
                {
                    buttons.Add(Button(text[key], verb, view.Session, (SessionVerbs.PitchIdKey, pitch.Id)));
                }
            }

            Add(may.MoveUp, "ButtonMoveUp", SessionVerbs.MovePitchUp);
            Add(may.MoveDown, "ButtonMoveDown", SessionVerbs.MovePitchDown);
            Add(may.Skip, "ButtonSkip", SessionVerbs.SkipPitch);
            Add(may.Pick, "ButtonPick", SessionVerbs.PickPitch);
            if (buttons.Count > 0)
            {
                items.Add(new ActionSet(buttons));
            }
        }

        return new Container(items) { Spacing = "small" };
    }

    private static string Counts(SessionView view, Pitch pitch, Text text, string? viewer) =>
        PitchAudience.CanSeeContent(pitch, view.Session, viewer) ? PitchText.Counts(text, view.Records.AnswersTo(pitch.Id)) : text["RoundCountsHidden"];

    private static ShowCardAction AddPitch(Session session, Text text) =>
        new(text["ButtonAddPitch"], new AdaptiveCard(
            [new TextBlock(text["RoundAddPitchIntro"]) { IsSubtle = true }, .. PitchForms.PitchInputs(text, null, offerListenOnly: false)],
            [PitchForms.SubmitPitchButton(text, session, "ButtonSubmitLivePitch")]));

    private static ShowCardAction AnswerForm(Session session, string pitchId, Text text) =>
        new(text["ButtonAnswer"], new AdaptiveCard(PitchForms.AnswerInputs(text), [PitchForms.AnswerButton(text, session, pitchId)]));

    private static ExecuteAction Button(string title, string verb, Session session, params (string Key, string Value)[] more) =>
        new(title, verb, SessionCard.Data(session, more));

    private static TextBlock Heading(string title) =>
        new(title) { Weight = "bolder", Size = "medium", Style = "heading", Spacing = "medium" };

    private static TextBlock SubHeading(string title) => new(title) { Weight = "bolder", Spacing = "medium" };
}
