using System.Globalization;
using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// The summaries' blob layout:
/// <code>
/// summaries/{yyyy}/{MM}/{sessionId}.{json,md,html}               the group's summary
/// summaries/{yyyy}/{MM}/{sessionId}.facilitators.{json,md,html}  the facilitators' (for the coordinator)
/// sessions/{sessionId}/summary/{output}.json  whether the summary card / a recap went out (the outbox's record)
/// </code>
/// </summary>
public static class SummaryKeys
{
    public const string SummariesPrefix = "summaries/";

    /// <summary>What sets a facilitators' summary's name apart from the group's (before the extension).</summary>
    public const string FacilitatorsSuffix = ".facilitators";

    public static string Summary(string sessionId, DateTimeOffset heldOn, SummaryFormat format)
    {
        var utc = heldOn.UtcDateTime;
        var extension = format switch
        {
            SummaryFormat.Json => "json",
            SummaryFormat.Markdown => "md",
            SummaryFormat.Html => "html",
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{SummariesPrefix}{utc:yyyy}/{utc:MM}/{StateKeys.Segment(sessionId)}.{extension}");
    }

    /// <summary>
    /// The facilitators' summary (with the facilitators-only pitches), next to the group's: what
    /// the coordinator lists and opens. Never posted in a group.
    /// </summary>
    public static string FacilitatorsSummary(string sessionId, DateTimeOffset heldOn, SummaryFormat format)
    {
        var group = Summary(sessionId, heldOn, format);
        var dot = group.LastIndexOf('.');
        return string.Concat(group.AsSpan(0, dot), FacilitatorsSuffix, group.AsSpan(dot));
    }

    /// <summary>The listing prefix of the summaries of sessions held in one month (UTC).</summary>
    public static string SummariesOf(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{SummariesPrefix}{year:D4}/{month:D2}/");

    /// <summary>
    /// The record that one output of a closed session's summary (the group card, one recap) went
    /// out or is going out: created before sending, so it goes out once.
    /// </summary>
    public static string Delivery(string sessionId, string output) => $"{SessionKeys.SessionsPrefix}{StateKeys.Segment(sessionId)}/summary/{StateKeys.Segment(output)}.json";
}

public enum SummaryFormat
{
    Json,
    Markdown,
    Html,
}
