using StuyfBot.Cards.Sessions;

namespace StuyfBot.Cards.Summaries;

/// <summary>The coordinator's buttons on the list of summaries.</summary>
public static class SummaryRoutes
{
    public static IReadOnlyList<CardRoute> Table { get; } =
    [
        new(SessionVerbs.OpenSummary, d => d.SessionId is { } id && d[SessionVerbs.MonthKey] is { Length: 7 } month ? new OpenSummary(id, month) : null),
    ];
}
