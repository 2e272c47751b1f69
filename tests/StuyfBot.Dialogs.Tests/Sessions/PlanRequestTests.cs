using System.Globalization;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary>"plan connectortafel 28/11 19:30": Dutch and English dates and times, in Brussels time.</summary>
public sealed class PlanRequestTests
{
    // SessionScript.Now is Thursday 12 March 2026, 20:30 in Brussels (19:30 UTC).
    private static DateTimeOffset Utc(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("plan connectortafel 28/11 19:30", "2026-11-28T18:30:00Z")]
    [InlineData("plan connectortafel 2026-11-28 19:30", "2026-11-28T18:30:00Z")]
    [InlineData("Plan een connectortafel 28-11-2026 om 19u30", "2026-11-28T18:30:00Z")]
    [InlineData("plan connectortafel 28.11.26 19.30", "2026-11-28T18:30:00Z")]
    [InlineData("plan connectortafel op 28 november 19u", "2026-11-28T18:00:00Z")]
    [InlineData("plan connectortafel zaterdag 28 nov. 2026 19h30", "2026-11-28T18:30:00Z")]
    [InlineData("plan connector table November 28 7:30 pm", "2026-11-28T18:30:00Z")]
    [InlineData("plan a connector table on Saturday, November 28th, 2026 at 7.30 p.m.", "2026-11-28T18:30:00Z")]
    [InlineData("plan connector table 11/28 7:30pm", "2026-11-28T18:30:00Z")]
    [InlineData("plan connectortafel 5/6 19:30", "2026-06-05T17:30:00Z")]
    [InlineData("plan connectortafel 2026-07-01 10:00", "2026-07-01T08:00:00Z")]
    [InlineData("plan connectortafel 1/3 19:30", "2027-03-01T18:30:00Z")]
    [InlineData("plan connectortafel 12/3 21:00", "2026-03-12T20:00:00Z")]
    [InlineData("plan connectortafel 28/11 12am", "2026-11-27T23:00:00Z")]
    [InlineData("plan connectortafel 28/11 12pm", "2026-11-28T11:00:00Z")]
    [InlineData("plan open huys dinsdag 19:30", "2026-03-17T18:30:00Z")]
    [InlineData("plan open huys volgende dinsdag om 19:30", "2026-03-17T18:30:00Z")]
    [InlineData("plan open house next Tuesday at 7pm", "2026-03-17T18:00:00Z")]
    [InlineData("plan open huys donderdag 21:00", "2026-03-12T20:00:00Z")]
    [InlineData("plan open huys donderdag 20:00", "2026-03-19T19:00:00Z")]
    [InlineData("plan open huys morgen 19:30", "2026-03-13T18:30:00Z")]
    [InlineData("plan open huys overmorgen 9u", "2026-03-14T08:00:00Z")]
    [InlineData("plan open house tomorrow 7:30 am", "2026-03-13T06:30:00Z")]
    public void Dutch_and_English_dates_and_times_are_read_in_Brussels_time(string text, string utc)
    {
        var parsed = PlanRequest.Parse(text, Now)!;

        Assert.Null(parsed.Problem);
        Assert.Equal(Utc(utc), parsed.Request!.StartsAt);
        Assert.Equal(TimeSpan.Zero, parsed.Request.StartsAt - Utc(utc));
    }

    [Theory]
    [InlineData("plan connectortafel 28/11 19:30 Wijkcentrum Noord", SessionKind.Connectortafel, "Wijkcentrum Noord")]
    [InlineData("plan open huys 28/11 19:30: Dinsdagavond", SessionKind.OpenHuys, "Dinsdagavond")]
    [InlineData("plan openhuys 28/11 om 19u30 - bij Marie", SessionKind.OpenHuys, "bij Marie")]
    [InlineData("plan open house 28/11 7pm", SessionKind.OpenHuys, null)]
    public void The_kind_and_an_optional_title_are_read_too(string text, SessionKind kind, string? title)
    {
        var request = PlanRequest.Parse(text, Now)!.Request!;

        Assert.Equal((kind, title), (request.Kind, request.Title));
    }

    [Theory]
    [InlineData("plan connectortafel", PlanProblem.NoDate)]
    [InlineData("plan connectortafel Wijkcentrum", PlanProblem.NoDate)]
    [InlineData("plan connectortafel 30 fluffember 19:30", PlanProblem.NoDate)]
    [InlineData("plan connectortafel morgen", PlanProblem.NoTime)]
    [InlineData("plan connectortafel 28/11 Wijkcentrum", PlanProblem.NoTime)]
    [InlineData("plan connectortafel 31/2 19:30", PlanProblem.BadDate)]
    [InlineData("plan connectortafel 2026-13-01 19:30", PlanProblem.BadDate)]
    [InlineData("plan connectortafel 31 april 19:30", PlanProblem.BadDate)]
    [InlineData("plan connectortafel 28/11 25:00", PlanProblem.BadTime)]
    [InlineData("plan connectortafel 28/11 13pm", PlanProblem.BadTime)]
    [InlineData("plan connectortafel 2026-03-29 02:30", PlanProblem.BadTime)]
    [InlineData("plan connectortafel 2026-03-01 19:30", PlanProblem.InThePast)]
    [InlineData("plan connectortafel 12/3 20:00", PlanProblem.InThePast)]
    [InlineData("plan connectortafel vandaag 19:30", PlanProblem.InThePast)]
    [InlineData("plan connectortafel 2028-01-01 19:30", PlanProblem.TooFarAhead)]
    public void What_cannot_be_planned_says_why(string text, PlanProblem problem)
    {
        Assert.Equal(PlanParse.Failed(problem), PlanRequest.Parse(text, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plan")]
    [InlineData("planning connectortafel 28/11 19:30")]
    [InlineData("plan sessie 28/11 19:30")]
    [InlineData("plan connectortafels 28/11 19:30")]
    [InlineData("start connectortafel")]
    public void Anything_else_is_no_plan(string? text)
    {
        Assert.Null(PlanRequest.Parse(text, Now));
    }

    [Fact]
    public void The_help_cards_form_gives_a_date_and_a_time_in_Brussels_time()
    {
        Assert.Equal(Utc("2026-11-28T18:30:00Z"), PlanRequest.FromInputs(SessionKind.Connectortafel, "2026-11-28", "19:30", " Noord ", Now).Request!.StartsAt);
        Assert.Equal("Noord", PlanRequest.FromInputs(SessionKind.OpenHuys, "2026-11-28", "19:30", " Noord ", Now).Request!.Title);
        Assert.Equal(PlanProblem.NoDate, PlanRequest.FromInputs(SessionKind.OpenHuys, " ", "19:30", null, Now).Problem);
        Assert.Equal(PlanProblem.BadDate, PlanRequest.FromInputs(SessionKind.OpenHuys, "28/11/2026", "19:30", null, Now).Problem);
        Assert.Equal(PlanProblem.NoTime, PlanRequest.FromInputs(SessionKind.OpenHuys, "2026-11-28", null, null, Now).Problem);
        Assert.Equal(PlanProblem.BadTime, PlanRequest.FromInputs(SessionKind.OpenHuys, "2026-11-28", "7:30pm", null, Now).Problem);
        Assert.Equal(PlanProblem.InThePast, PlanRequest.FromInputs(SessionKind.OpenHuys, "2026-03-12", "20:00", null, Now).Problem);
    }

    [Fact]
    public void A_planned_session_remembers_when_it_is_meant_to_start()
    {
        var startsAt = Utc("2026-11-28T18:30:00Z");

        var planned = Accept(null, new Plan("p1", SessionKind.Connectortafel, null, Conversation, startsAt), An).State;
        var opened = Accept(planned, new Start("s-new", SessionKind.Connectortafel, null, Conversation), Bart).State;

        Assert.Equal(startsAt, planned.PlannedFor);
        Assert.Equal(startsAt, opened.PlannedFor);
        Assert.Equal("p1", opened.Id);
    }

    [Theory]
    [InlineData("sluit af", true)]
    [InlineData("Sluit de sessie af.", true)]
    [InlineData("sluit de connectortafel af", true)]
    [InlineData("afsluiten", true)]
    [InlineData("close", true)]
    [InlineData("close the session", true)]
    [InlineData("sluit", false)]
    [InlineData("sluit af en toe", false)]
    [InlineData("closer", false)]
    [InlineData(null, false)]
    public void A_typed_close_is_understood(string? text, bool close)
    {
        Assert.Equal(close, CloseRequest.Matches(text));
    }
}
