using System.Text.Json.Nodes;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Summaries;
using StuyfBot.Cards.Tests.Pitches;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Cards.Tests.Summaries;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Tests.Validity;

/// <summary>
/// Every card the bot can send, in every language and variant. A new card is added here, and
/// the validity test checks it with the official parser.
/// </summary>
public static class CardCatalog
{
    public static IEnumerable<(string Name, JsonObject Card)> All()
    {
        foreach (var locale in new[] { "nl-BE", "en-US" })
        {
            var text = Text.For(locale);
            yield return ($"help/personal/{locale}", HelpCard.Render(text, personal: true).ToJson());
            yield return ($"help/group/{locale}", HelpCard.Render(text, personal: false).ToJson());
            yield return ($"help/group-with-sessions/{locale}", HelpCard.Render(
                text, personal: false, SessionOfferCard.HelpCommands, SessionOfferCard.HelpActions(text, personal: false)).ToJson());
            foreach (var (state, session) in SessionSamples.States)
            {
                foreach (var (viewerName, viewer) in SessionSamples.Viewers)
                {
                    yield return ($"session/{state}/{viewerName}/{locale}", SessionCard.Render(new SessionView(session), text, viewer).ToJson());
                }
            }

            yield return ($"session/offer-start/{locale}", SessionOfferCard.StartOffer(text).ToJson());
            yield return ($"session/offer-close/{locale}", SessionOfferCard.CloseOffer(text, SessionSamples.OpenWithPeople).ToJson());
            yield return ($"session/close-confirm/{locale}", SessionOfferCard.CloseConfirm(text, SessionSamples.OpenWithPeople).ToJson());
            foreach (var card in RoundCards(text, locale))
            {
                yield return card;
            }
        }
    }

    /// <summary>The pitch round's cards: the live card in every round state for every kind of viewer, and the rest.</summary>
    private static IEnumerable<(string Name, JsonObject Card)> RoundCards(Text text, string locale)
    {
        foreach (var personal in new[] { true, false })
        {
            yield return ($"help/round/{(personal ? "personal" : "group")}/{locale}", HelpCard.Render(
                text, personal, [.. SessionOfferCard.HelpCommands, .. RoundHelp.HelpCommands], [.. SessionOfferCard.HelpActions(text, personal), .. RoundHelp.HelpActions(text, personal)]).ToJson());
        }

        foreach (var (state, stage) in PitchSamples.Stages)
        {
            foreach (var (viewerName, key) in PitchSamples.PitchViewers)
            {
                yield return ($"round/{state}/{viewerName}/{locale}", SessionCard.Render(stage.View, text, key is null ? SessionViewer.Everyone : SessionViewer.For(key)).ToJson());
            }

            foreach (var pitch in stage.Records.Pitches.Where(p => p.IsActive() && stage.Session.Round.IsPresented(p.Id)))
            {
                var name = $"answer/{state}/{pitch.Id}-{pitch.Visibility}";
                yield return ($"{name}/{locale}", AnswerCard.Render(stage.View, pitch.Id, text).ToJson());
                yield return ($"{name}/thanks/{locale}", AnswerCard.Render(stage.View, pitch.Id, text, thanks: true).ToJson());
            }
        }

        // The card the bot posts when a session is planned: no questions yet, "Stel je vraag vooraf" for everyone.
        var announced = PitchSamples.PlannedStage.Session;
        yield return ($"round/planned-announced/everyone/{locale}", SessionCard.Render(SessionView.Of(announced, SessionRecords.Empty), text, SessionViewer.Everyone).ToJson());
        var planned = PitchSamples.PlannedStage;
        var withdrawn = planned.Do(new WithdrawPitch(), SessionSamples.Bart);
        (string, PitchSamples.Stage, Actor, bool)[] pitchCards =
        [
            ("new", planned, SessionSamples.Carla, false),
            ("saved", planned, SessionSamples.Bart, false),
            ("editing", planned, SessionSamples.Bart, true),
            ("listen-only", planned, SessionSamples.Dirk, false),
            ("listen-only-editing", planned, SessionSamples.Dirk, true),
            ("anonymous-editing", planned, PitchSamples.Gust, true),
            ("withdrawn", withdrawn, SessionSamples.Bart, false),
            ("started", PitchSamples.StageNamed("open-queue"), SessionSamples.Bart, false),
            ("started-no-pitch", PitchSamples.StageNamed("open-queue"), SessionSamples.Carla, true),
            ("closed", PitchSamples.ClosedStage, SessionSamples.Bart, false),
        ];
        foreach (var (name, stage, person, editing) in pitchCards)
        {
            yield return ($"pitch/{name}/{locale}", PitchCard.Render(stage.Session, stage.Records, person.Key, text, editing).ToJson());
        }

        yield return ($"pitch/choose/{locale}", PitchCard.Choose([planned.Session, planned.Session with { Id = "s2", Title = null, PlannedFor = null }], text).ToJson());
        yield return ($"pitch/choose-none/{locale}", PitchCard.Choose([], text).ToJson());
        foreach (var audience in Enum.GetValues<SummaryAudience>())
        {
            yield return ($"summary/{audience}/{locale}", SummaryCard.Render(PitchSamples.Summary(audience), text).ToJson());
        }

        yield return ($"summary/big/{locale}", SummaryCard.Render(SummaryCardTests.Many(300, 40, 30), text).ToJson());
        yield return ($"summary/empty/{locale}", SummaryCard.Render(SummaryCardTests.Many(0, 0, 0) with { Pitches = [] }, text).ToJson());
        foreach (var recap in SummaryBuilder.Recaps(PitchSamples.ClosedStage.Session, PitchSamples.ClosedStage.Records))
        {
            yield return ($"recap/{recap.Pitch.Number}/{locale}", RecapCard.Render(recap, text).ToJson());
        }

        yield return ($"summaries/list/{locale}", SummaryListCard.Render([SummaryListing.Of(PitchSamples.Summary(SummaryAudience.Group))], text).ToJson());
        yield return ($"summaries/empty/{locale}", SummaryListCard.Render([], text).ToJson());
        yield return ($"summaries/opened/{locale}", OpenedSummaryCard.Render(PitchSamples.Summary(SummaryAudience.Facilitators), OpenedSummaryCardTests.Files, text).ToJson());
        yield return ($"summaries/opened-big/{locale}", OpenedSummaryCard.Render(SummaryCardTests.Many(300, 40, 30), OpenedSummaryCardTests.Files, text).ToJson());
    }
}
