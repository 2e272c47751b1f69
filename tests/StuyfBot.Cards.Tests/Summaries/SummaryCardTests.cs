using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Summaries;
using StuyfBot.Cards.Tests.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Summaries;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;

namespace StuyfBot.Cards.Tests.Summaries;

/// <summary>The summary card, the personal recap and the coordinator's list.</summary>
public sealed class SummaryCardTests
{
    private static readonly Text Flemish = Text.For("nl-BE");
    private static readonly Text English = Text.For("en-US");

    [Fact]
    public void The_summary_card_shows_attendance_roles_pitches_with_answers_and_next_steps_notes_and_links()
    {
        var text = CardJson.AllText(SummaryCard.Render(Summary(SummaryAudience.Group), Flemish).ToJson());

        Assert.Contains("Verslag: Connectortafel: Dinsdag", text, StringComparison.Ordinal);
        Assert.Contains("Ingecheckt\n5", text, StringComparison.Ordinal);
        Assert.Contains("Tijdwaarnemer\nEva", text, StringComparison.Ordinal);
        Assert.Contains(@"2\. Een anonieme pitch", text, StringComparison.Ordinal);
        Assert.Contains("Contacten (1)", text, StringComparison.Ordinal);
        Assert.Contains("Ik ken een zorgcoördinator — Bart", text, StringComparison.Ordinal);
        Assert.Contains("**Volgende stap:** Ik mail de zorgcoördinator", text, StringComparison.Ordinal);
        Assert.Contains("- *tip, link*: https://stuyverij.be/agenda", text, StringComparison.Ordinal);
        Assert.Contains("[https://repaircafe.example](https://repaircafe.example)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Flemish["SummaryForFacilitators"], text, StringComparison.Ordinal);
        Assert.Contains(English["SummaryForFacilitators"], CardJson.AllText(SummaryCard.Render(Summary(SummaryAudience.Facilitators), English).ToJson()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_big_summary_card_shows_the_first_answers_notes_and_links_and_says_how_many_more_there_are()
    {
        var summary = Many(answers: 300, notes: 40, links: 30);

        var text = CardJson.AllText(SummaryCard.Render(summary, Flemish).ToJson());

        Assert.Contains(Flemish.Format("SummaryMoreAnswers", 300 - SummaryCard.MaxAnswersPerPitch), text, StringComparison.Ordinal);
        Assert.Contains(Flemish.Format("SummaryMore", 40 - SummaryCard.MaxNotes), text, StringComparison.Ordinal);
        Assert.Contains(Flemish.Format("SummaryMore", 30 - SummaryCard.MaxLinks), text, StringComparison.Ordinal);
        Assert.Contains("antwoord 8 met", text, StringComparison.Ordinal);
        Assert.DoesNotContain("antwoord 9 met", text, StringComparison.Ordinal);
        Assert.True(SummaryCard.Render(summary, Flemish).ToJson().ToJsonString().Length < 28_000, "Teams refuses cards over about 28 KB");
    }

    [Fact]
    public void An_empty_summary_says_so()
    {
        var empty = Many(answers: 0, notes: 0, links: 0) with { Pitches = [] };

        var text = CardJson.AllText(SummaryCard.Render(empty, Flemish).ToJson());

        Assert.Contains(Flemish["SummaryNoPitches"], text, StringComparison.Ordinal);
        Assert.Contains(Flemish["SummaryNoNotes"], text, StringComparison.Ordinal);
        Assert.DoesNotContain(Flemish["SummaryLinksTitle"], text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recap_gives_the_pitcher_every_answer_and_their_next_step_or_a_gentle_nudge()
    {
        var recaps = SummaryBuilder.Recaps(ClosedStage.Session, ClosedStage.Records);
        var bart = CardJson.AllText(RecapCard.Render(recaps.Single(r => r.AuthorKey == Sessions.SessionSamples.Bart.Key), Flemish).ToJson());
        var eva = CardJson.AllText(RecapCard.Render(recaps.Single(r => r.AuthorKey == Sessions.SessionSamples.Eva.Key), Flemish).ToJson());

        Assert.Contains("Jouw pitch: Connectortafel: Dinsdag", bart, StringComparison.Ordinal);
        Assert.Contains(Flemish["RecapThanks"], bart, StringComparison.Ordinal);
        Assert.Contains("Ik bel de schrijnwerker", bart, StringComparison.Ordinal);
        Assert.Contains("Ik kan helpen met de website — Dirk", bart, StringComparison.Ordinal);
        Assert.Contains(Flemish["RecapNoNextStep"], eva, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_opens_each_summary_by_session_and_month_newest_first()
    {
        var summary = Summary(SummaryAudience.Group);
        var older = SummaryListing.Of(summary) with { SessionId = "s0", HeldOn = summary.HeldOn().AddMonths(-2), Title = null };

        var card = SummaryListCard.Render([older, SummaryListing.Of(summary)], Flemish).ToJson();

        var opens = CardJson.Buttons(card).Select(b => SessionVerbs.Read(b.Verb, b.Data.ToDictionary(p => p.Key, p => (string?)p.Value))).ToList();
        Assert.Equal([new OpenSummary("s1", "2026-03"), new OpenSummary("s0", "2026-01")], opens);
        Assert.Contains("ingecheckt: 5 · pitches: 3", CardJson.AllText(card), StringComparison.Ordinal);
        Assert.Contains(Flemish["SummaryListEmpty"], CardJson.AllText(SummaryListCard.Render([], Flemish).ToJson()), StringComparison.Ordinal);
    }

    /// <summary>A summary with one pitch and many answers, notes and links.</summary>
    internal static SessionSummary Many(int answers, int notes, int links)
    {
        var at = Sessions.SessionSamples.Now;
        return Summary(SummaryAudience.Group) with
        {
            Pitches =
            [
                new SummaryPitch
                {
                    Number = 1,
                    Visibility = PitchVisibility.Group,
                    AuthorName = "Bart",
                    Content = new PitchContent(null, "Een werkplaats", null, null),
                    Presented = true,
                    Answers = [.. Enumerable.Range(1, answers).Select(i => new SummaryAnswer(AnswerKind.Tip, $"antwoord {i} met wat uitleg erbij", "Carla", at))],
                },
            ],
            Notes = [.. Enumerable.Range(1, notes).Select(i => new SummaryNote([Dialogs.Notes.NoteTag.Tip], $"notitie {i}", at))],
            Links = [.. Enumerable.Range(1, links).Select(i => $"https://example.org/{i}")],
        };
    }
}
