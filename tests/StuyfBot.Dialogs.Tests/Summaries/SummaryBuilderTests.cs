using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Dialogs.Tests.Pitches;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;
using static StuyfBot.Dialogs.Tests.Summaries.SummaryScenario;

namespace StuyfBot.Dialogs.Tests.Summaries;

public sealed class SummaryBuilderTests
{
    private static readonly Table Session = Closed();

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private static SessionSummary Build(SummaryAudience audience) => SummaryBuilder.Build(Session.State, Session.Records, audience);

    [Fact]
    public void The_attendance_counts_who_came_who_listened_who_left_and_names_who_held_each_role()
    {
        var attendance = Build(SummaryAudience.Group).Attendance;

        Assert.Equal((7, 5, 1, 1), (attendance.Total, attendance.Present, attendance.Listened, attendance.Left));
        Assert.Equal("An", attendance.ModeratorName);
        Assert.Equal(
            [(Role.Timekeeper, "Eva"), (Role.ChatScribe, "Dirk"), (Role.MethodicalSupporter, "Carla")],
            attendance.Roles.Select(r => (r.Role, string.Join(",", r.Holders))));
    }

    [Fact]
    public void The_group_summary_leaves_the_facilitators_only_pitch_out_entirely_and_names_no_anonymous_pitcher()
    {
        var summary = Build(SummaryAudience.Group);

        Assert.Equal(SummaryAudience.Group, summary.Audience);
        Assert.Equal([1, 2, 3], summary.Pitches.Select(p => p.Number));
        Assert.Equal(["Bart", null, "Eva"], summary.Pitches.Select(p => p.AuthorName));
        Assert.Equal([PitchVisibility.Group, PitchVisibility.Anonymous, PitchVisibility.Group], summary.Pitches.Select(p => p.Visibility));
        Assert.Equal([true, true, false], summary.Pitches.Select(p => p.Presented));
        Assert.Equal(2, summary.Attendance.Pitched);
        var json = JsonSerializer.Serialize(summary, Json);
        Assert.DoesNotContain(FacMarker, json, StringComparison.Ordinal);
        Assert.DoesNotContain("FACNAME", json, StringComparison.Ordinal);
        Assert.DoesNotContain("facmarker.example", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Gust.Name, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_facilitators_summary_holds_the_facilitators_only_pitch_and_still_no_anonymous_name()
    {
        var summary = Build(SummaryAudience.Facilitators);

        Assert.Equal(["Bart", "Fenna FACNAME", null, "Eva"], summary.Pitches.Select(p => p.AuthorName));
        var fenna = summary.Pitches[1];
        Assert.Equal(PitchVisibility.FacilitatorsOnly, fenna.Visibility);
        Assert.Equal($"{FacMarker}-nextstep", fenna.NextStep);
        Assert.Equal(3, summary.Attendance.Pitched);
        Assert.Contains("https://facmarker.example/x", summary.Links);
        Assert.DoesNotContain(Gust.Name, JsonSerializer.Serialize(summary, Json), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pitch_carries_its_content_answers_in_order_and_next_step()
    {
        var bart = Build(SummaryAudience.Group).Pitches[0];

        Assert.Equal(new PitchContent("Ik maak meubels", "Een werkplaats", "Rondvragen", "Wie deelt er gereedschap?"), bart.Content);
        Assert.Equal(
            [(AnswerKind.Tip, "Carla"), (AnswerKind.Contact, "An"), (AnswerKind.Offer, "Eva"), (AnswerKind.Question, "Dirk")],
            bart.Answers.Select(a => (a.Kind, a.AuthorName)));
        Assert.Equal("Ik bel de schrijnwerker", bart.NextStep);
        Assert.Null(Build(SummaryAudience.Group).Pitches[2].NextStep);
    }

    [Fact]
    public void Struck_notes_are_left_out_and_the_links_come_from_what_the_audience_may_see()
    {
        var group = Build(SummaryAudience.Group);

        var note = Assert.Single(group.Notes);
        Assert.Equal([NoteTag.Tip, NoteTag.Link], note.Tags);
        Assert.Equal("https://stuyverij.be/agenda", note.Text);
        Assert.Equal(["https://repaircafe.example", "https://stuyverij.be/agenda"], group.Links);
    }

    [Fact]
    public void The_json_for_machines_has_a_schema_version_and_no_person_keys()
    {
        foreach (var audience in Enum.GetValues<SummaryAudience>())
        {
            var json = JsonSerializer.Serialize(Build(audience), Json);

            using var document = JsonDocument.Parse(json);
            Assert.Equal(SessionSummary.CurrentSchemaVersion, document.RootElement.GetProperty("SchemaVersion").GetInt32());
            Assert.DoesNotContain("29:", json, StringComparison.Ordinal);
            Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<SessionSummary>(json, Json), Json));
        }
    }

    [Fact]
    public void Only_a_closed_session_has_a_summary()
    {
        Assert.Throws<ArgumentException>(() => SummaryBuilder.Build(WithPeople(), Dialogs.Sessions.SessionRecords.Empty, SummaryAudience.Group));
    }

    [Fact]
    public void Each_pitcher_gets_a_recap_of_their_own_pitch_whatever_its_visibility_without_a_name()
    {
        var recaps = SummaryBuilder.Recaps(Session.State, Session.Records);

        Assert.Equal([Bart.Key, Fenna.Key, Gust.Key, Eva.Key], recaps.Select(r => r.AuthorKey));
        Assert.All(recaps, r => Assert.Null(r.Pitch.AuthorName));
        var fenna = recaps[1].Pitch;
        Assert.Equal($"{FacMarker}-nextstep", fenna.NextStep);
        Assert.Single(fenna.Answers);
        Assert.False(recaps[3].Pitch.Presented);
        Assert.Equal(Session.State.OpenedAt, recaps[0].HeldOn);
    }

    [Fact]
    public void A_listing_line_sums_a_summary_up()
    {
        var summary = Build(SummaryAudience.Group);

        Assert.Equal(new SummaryListing("p1", Dialogs.Sessions.SessionKind.Connectortafel, "Dinsdag", Session.State.OpenedAt!.Value, 7, 2), SummaryListing.Of(summary));
    }

    [Theory]
    [InlineData("verslagen", 10)]
    [InlineData("Verslagen 5", 5)]
    [InlineData("toon de laatste verslagen 3", 3)]
    [InlineData("samenvattingen", 10)]
    [InlineData("recent summaries 40", 25)]
    [InlineData("summaries 0", 1)]
    public void The_coordinator_asks_for_recent_summaries(string text, int count)
    {
        Assert.Equal(new SummariesRequest(count), SummariesRequest.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("verslag")]
    [InlineData("verslagen van gisteren")]
    [InlineData("help")]
    public void Anything_else_is_no_request_for_summaries(string? text)
    {
        Assert.Null(SummariesRequest.Parse(text));
    }
}
