using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Summaries;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Cards.Tests.Pitches.PitchSamples;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Pitches;

/// <summary>
/// Privacy, for every output: a facilitators-only pitch never reaches the group (no card, no
/// message, no group summary), and an anonymous pitcher's name (and key) reaches nobody. The test
/// data carries markers (FACMARKER, FACNAME, GUSTANON) and each output is searched for them,
/// as the whole JSON or text, so also button data and refresh lists.
/// </summary>
public sealed class PrivacyTests
{
    private static readonly Text[] Languages = [Text.For("nl-BE"), Text.For("en-US")];

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static TheoryData<string> StateNames() => [.. Stages.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(StateNames))]
    public void The_live_card_shows_the_facilitators_only_pitch_to_the_facilitators_and_its_pitcher_only(string state)
    {
        var view = StageNamed(state).View;
        foreach (var text in Languages)
        {
            foreach (var (name, key) in PitchViewers)
            {
                var json = Render(view, text, key);
                var inner = key is not null && Inner.Contains(key);
                if (!inner)
                {
                    AssertAbsent(FacMarker, json, $"{state}/{name}");
                    AssertAbsent("FACNAME", json, $"{state}/{name}");
                    AssertAbsent("facmarker.example", json, $"{state}/{name}");
                }

                AssertAbsent(GustMarker, json, $"{state}/{name}");
            }
        }
    }

    [Fact]
    public void The_facilitators_do_read_it_so_the_checks_above_can_fail()
    {
        var view = StageNamed("facilitators-pitch-up").View;

        Assert.Contains(FacMarker, Render(view, Languages[0], An.Key), StringComparison.Ordinal);
        Assert.Contains("FACNAME", Render(view, Languages[0], Carla.Key), StringComparison.Ordinal);
        Assert.Contains(FacMarker, Render(view, Languages[0], Fenna.Key), StringComparison.Ordinal);
        Assert.Contains(Languages[0]["PitchForFacilitators"], Render(view, Languages[0], null), StringComparison.Ordinal);
        Assert.Contains("Ik zoek werk in de zorg", Render(StageNamed("anonymous-pitch-up-paused").View, Languages[0], null), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StateNames))]
    public void Every_group_message_of_every_event_keeps_both_secrets(string state)
    {
        var stage = StageNamed(state);
        var view = stage.View;
        SessionEvent[] events =
        [
            .. stage.Records.Pitches.Where(p => p.IsActive()).Select(p => (SessionEvent)new PitchUp(p)),
            new RoundFinished(),
            .. stage.Records.Notes.Select(n => (SessionEvent)new NoteTaken(n)),
            .. stage.Records.Pitches.Select(p => (SessionEvent)new PitchSaved(p, false)),
            .. stage.Records.Pitches.Select(p => (SessionEvent)new PitchWithdrawn(p)),
        ];
        foreach (var text in Languages)
        {
            foreach (var announcement in events.Select(e => RoundMessages.For(text, e, view)).OfType<Announcement>())
            {
                var all = announcement.Text + string.Join(" ", announcement.Mentions.Select(m => m.PersonKey + m.Name));
                AssertAbsent(FacMarker, all, state);
                AssertAbsent("FACNAME", all, state);
                AssertAbsent(GustMarker, all, state);
            }

            if (stage.Session.Round.Timer is { } timer)
            {
                foreach (var alert in TimerAlerts.Upcoming(stage.Session.Id, timer with { RunningSince = stage.Clock, Stopped = false }))
                {
                    var message = RoundMessages.Alert(text, alert, late: true, timer);
                    AssertAbsent(FacMarker, message, state);
                    AssertAbsent(GustMarker, message, state);
                }
            }

            AssertAbsent(FacMarker, RoundMessages.Planned(text, stage.Session), state);
        }
    }

    [Theory]
    [MemberData(nameof(StateNames))]
    public void The_answer_card_posted_in_the_group_keeps_both_secrets(string state)
    {
        var stage = StageNamed(state);
        foreach (var text in Languages)
        {
            foreach (var pitch in stage.Records.Pitches.Where(p => p.IsActive()))
            {
                foreach (var thanks in new[] { false, true })
                {
                    var json = AnswerCard.Render(stage.View, pitch.Id, text, thanks).ToJson().ToJsonString();
                    AssertAbsent(FacMarker, json, $"{state}/{pitch.AuthorName}");
                    AssertAbsent("FACNAME", json, $"{state}/{pitch.AuthorName}");
                    AssertAbsent(GustMarker, json, $"{state}/{pitch.AuthorName}");
                }
            }
        }
    }

    [Fact]
    public void The_group_summary_keeps_both_secrets_in_the_card_the_json_the_markdown_and_the_html()
    {
        var summary = Summary(SummaryAudience.Group);
        foreach (var text in Languages)
        {
            foreach (var (format, output) in Outputs(summary, text))
            {
                AssertAbsent(FacMarker, output, format);
                AssertAbsent("FACNAME", output, format);
                AssertAbsent("facmarker.example", output, format);
                AssertAbsent(GustMarker, output, format);
                Assert.True(format == "list" || output.Contains("zorg", StringComparison.Ordinal), format);
            }
        }
    }

    [Fact]
    public void The_facilitators_summary_holds_the_facilitators_only_pitch_and_still_no_anonymous_name()
    {
        var summary = Summary(SummaryAudience.Facilitators);
        foreach (var text in Languages)
        {
            foreach (var (format, output) in Outputs(summary, text))
            {
                Assert.True(format == "list" || output.Contains(FacMarker, StringComparison.Ordinal), format);
                Assert.True(format == "list" || output.Contains("FACNAME", StringComparison.Ordinal), format);
                AssertAbsent(GustMarker, output, format);
            }
        }
    }

    [Fact]
    public void Each_recap_goes_to_its_pitcher_only_and_names_nobody_who_pitched()
    {
        foreach (var recap in SummaryBuilder.Recaps(ClosedStage.Session, ClosedStage.Records))
        {
            foreach (var text in Languages)
            {
                var json = RecapCard.Render(recap, text).ToJson().ToJsonString();
                AssertAbsent(GustMarker, json, recap.AuthorKey);
                AssertAbsent("FACNAME", json, recap.AuthorKey);
                if (recap.AuthorKey != Fenna.Key)
                {
                    AssertAbsent(FacMarker, json, recap.AuthorKey);
                }
            }
        }
    }

    [Fact]
    public void A_pitch_card_in_a_1_1_chat_shows_only_the_readers_own_pitch()
    {
        foreach (var (state, stage) in Stages)
        {
            foreach (var (name, key) in PitchViewers.Where(v => v.Key is not null && v.Key != Fenna.Key && v.Key != Gust.Key))
            {
                foreach (var editing in new[] { false, true })
                {
                    var json = PitchCard.Render(stage.Session, stage.Records, key!, Languages[0], editing).ToJson().ToJsonString();
                    AssertAbsent(FacMarker, json, $"{state}/{name}");
                    AssertAbsent(GustMarker, json, $"{state}/{name}");
                }
            }
        }
    }

    private static IEnumerable<(string Format, string Output)> Outputs(SessionSummary summary, Text text) =>
    [
        ("card", SummaryCard.Render(summary, text).ToJson().ToJsonString()),
        ("json", JsonSerializer.Serialize(summary, Json)),
        ("markdown", SummaryMarkdown.Render(summary, text)),
        ("html", SummaryHtml.Render(summary, text)),
        ("list", SummaryListCard.Render([SummaryListing.Of(summary)], text).ToJson().ToJsonString()),
    ];

    private static string Render(SessionView view, Text text, string? viewer) =>
        SessionCard.Render(view, text, viewer is null ? SessionViewer.Everyone : SessionViewer.For(viewer)).ToJson().ToJsonString();

    private static void AssertAbsent(string marker, string output, string where) =>
        Assert.False(output.Contains(marker, StringComparison.Ordinal), $"{where}: '{marker}' must not appear in {output}");
}
