using System.Globalization;
using StuyfBot.Cards.Summaries;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// The stored facilitators' summaries, as the coordinator reads them: the most recent ones (month
/// by month, newest month first, so a listing reads only the months it needs) and one by session
/// id and month, as the list card's buttons name it.
/// </summary>
public sealed partial class SummaryArchive
{
    /// <summary>How far back a listing looks (months with no sessions cost one empty listing each).</summary>
    public const int MonthsSearched = 24;

    private static readonly string FacilitatorsJson = SummaryKeys.FacilitatorsSuffix + ".json";

    private readonly StateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<SummaryArchive> _log;

    public SummaryArchive(StateStore state, TimeProvider time, ILogger<SummaryArchive> log)
    {
        _state = state;
        _time = time;
        _log = log;
    }

    /// <summary>The <paramref name="count"/> most recently held sessions' summaries, newest first.</summary>
    public async Task<IReadOnlyList<SummaryListing>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;

        // From next month: a cancelled planned session is filed under the month it was planned for.
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        var found = new List<SessionSummary>();
        for (var i = 0; i < MonthsSearched && found.Count < count; i++, month = month.AddMonths(-1))
        {
            var keys = new List<string>();
            await foreach (var key in _state.Documents.ListAllAsync(SummaryKeys.SummariesOf(month.Year, month.Month), 500, cancellationToken).ConfigureAwait(false))
            {
                if (key.EndsWith(FacilitatorsJson, StringComparison.Ordinal))
                {
                    keys.Add(key);
                }
            }

            var summaries = await Task.WhenAll(keys.Select(k => ReadListedAsync(k, cancellationToken))).ConfigureAwait(false);
            found.AddRange(summaries.OfType<SessionSummary>());
        }

        return [.. found
            .OrderByDescending(s => s.HeldOn())
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .Take(count)
            .Select(SummaryListing.Of)];
    }

    /// <summary>The facilitators' summary of a session held in <paramref name="month"/> ("yyyy-MM", UTC), with where its files are.</summary>
    public async Task<StoredSummary> OpenAsync(string sessionId, string month, CancellationToken cancellationToken)
    {
        if (!DocumentKey.IsValidSegment(sessionId)
            || !DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            return new StoredSummary.NotFound();
        }

        var heldIn = new DateTimeOffset(start, TimeSpan.Zero);
        var json = SummaryKeys.FacilitatorsSummary(sessionId, heldIn, SummaryFormat.Json);
        try
        {
            var stored = await _state.ReadAsync(json, SummaryDocuments.Kind, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new StoredSummary.NotFound();
            }

            var files = new SummaryFiles(
                _state.Documents.Location,
                SummaryKeys.FacilitatorsSummary(sessionId, heldIn, SummaryFormat.Markdown),
                SummaryKeys.FacilitatorsSummary(sessionId, heldIn, SummaryFormat.Html),
                json);
            return new StoredSummary.Found(stored.Value, files);
        }
        catch (StoredDocumentException ex)
        {
            LogUnreadable(json, ex);
            return new StoredSummary.Unreadable();
        }
    }

    private async Task<SessionSummary?> ReadListedAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await _state.ReadAsync(key, SummaryDocuments.Kind, cancellationToken).ConfigureAwait(false))?.Value;
        }
        catch (StoredDocumentException ex)
        {
            LogUnreadable(key, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored summary {Key} cannot be read; it is left out")]
    private partial void LogUnreadable(string key, Exception exception);
}

/// <summary>What opening a stored summary found.</summary>
public abstract record StoredSummary
{
    private StoredSummary()
    {
    }

    public sealed record Found(SessionSummary Summary, SummaryFiles Files) : StoredSummary;

    public sealed record NotFound : StoredSummary;

    /// <summary>Stored, but not readable by this bot (written by a newer version, or damaged).</summary>
    public sealed record Unreadable : StoredSummary;
}
