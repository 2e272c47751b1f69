using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Summaries;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>What the answers of one pitch came to in storage.</summary>
/// <param name="Stored">Answer documents to the pitch.</param>
/// <param name="Recorded">How many of the people who answered have an answer stored.</param>
/// <param name="Twice">People with more than one answer stored.</param>
/// <param name="Strangers">Answers stored from people who did not answer in this burst.</param>
public sealed record StoredAnswers(int Stored, int Recorded, int Twice, int Strangers);

/// <summary>How long the summary of a closed session takes, measured in this process on the stored session.</summary>
/// <param name="Answers">Answers in the session.</param>
/// <param name="LoadMs">Listing and reading the session's records with the bot's SessionItemStore (nothing cached), and folding them.</param>
/// <param name="FirstBuildMs">SummaryBuilder.Build for both audiences plus SummaryMarkdown and SummaryHtml for each, the first time in this process (code not yet compiled, as at a bot's first close).</param>
/// <param name="WarmBuildMs">The same, the median of later runs.</param>
/// <param name="MarkdownChars">The group summary's Markdown, in UTF-16 characters.</param>
/// <param name="HtmlChars">The group summary's HTML, in characters.</param>
public sealed record SummaryTiming(int Answers, double LoadMs, double FirstBuildMs, double WarmBuildMs, int MarkdownChars, int HtmlChars);

/// <summary>
/// Reads what the bot stored, through the bot's own storage code (the same store, document kinds
/// and record fold), to count the answers and to time the summary of the session.
/// </summary>
public sealed class StoredSession : IDisposable
{
    private const int WarmRuns = 20;

    private readonly IDocumentStore _store;
    private readonly StateStore _state;

    private StoredSession(IDocumentStore store)
    {
        _store = store;
        _state = new StateStore(store, Options.Create(new StorageOptions()), NullLogger<StateStore>.Instance);
    }

    /// <summary>The bot's store: its data folder, or the container of its connection string (the bot's default container name).</summary>
    public static StoredSession Open(BurstOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.StorePath is { } path
            ? new StoredSession(new FileDocumentStore(path))
            : new StoredSession(BlobDocumentStore.WithConnectionString(
                options.StoreConnectionString!, new StorageOptions().Container, NullLogger<BlobDocumentStore>.Instance));
    }

    /// <summary>Every item document of the session read on its own (no cache): the answers to this pitch, by person.</summary>
    public async Task<StoredAnswers> AnswersAsync(string sessionId, string pitchId, IReadOnlyCollection<string> answered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var authors = new List<string>();
        await foreach (var key in _store.ListAllAsync(SessionKeys.SessionItems(sessionId), 5000, cancellationToken).ConfigureAwait(false))
        {
            var item = await _state.ReadAsync(key, SessionItemDocuments.Kind, cancellationToken).ConfigureAwait(false);
            if (item?.Value is AnswerRecord answer && answer.PitchId == pitchId)
            {
                authors.Add(answer.AuthorKey);
            }
        }

        var expected = answered.ToHashSet(StringComparer.Ordinal);
        var perAuthor = authors.CountBy(a => a, StringComparer.Ordinal).ToList();
        return new StoredAnswers(
            authors.Count,
            perAuthor.Count(p => expected.Contains(p.Key)),
            perAuthor.Count(p => p.Value > 1),
            perAuthor.Count(p => !expected.Contains(p.Key)));
    }

    /// <summary>The session as the bot stored it (in its conversation's sessions document).</summary>
    public async Task<Session?> SessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await foreach (var key in _store.ListAllAsync(SessionKeys.ConversationsPrefix, 500, cancellationToken).ConfigureAwait(false))
        {
            var sessions = await _state.ReadAsync(key, ConversationSessions.Kind, cancellationToken).ConfigureAwait(false);
            if (sessions?.Value.Find(sessionId) is { } session)
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>How many summary files of the session are stored (the bot writes six when a session closes: JSON, Markdown and HTML for two audiences).</summary>
    public async Task<int> SummaryFilesAsync(string sessionId, CancellationToken cancellationToken)
    {
        var files = 0;
        await foreach (var key in _store.ListAllAsync(SummaryKeys.SummariesPrefix, 500, cancellationToken).ConfigureAwait(false))
        {
            if (key.Contains(sessionId, StringComparison.Ordinal))
            {
                files++;
            }
        }

        return files;
    }

    /// <summary>Loads the closed session's records as the bot does (nothing cached) and builds and renders its summaries.</summary>
    public async Task<SummaryTiming> TimeSummaryAsync(Session closed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var items = new SessionItemStore(_state, TimeProvider.System, NullLogger<SessionItemStore>.Instance);
        var clock = Stopwatch.StartNew();
        var records = await items.ReadAsync(closed.Id, cancellationToken).ConfigureAwait(false);
        var loadMs = clock.Elapsed.TotalMilliseconds;

        var text = Text.For("nl-BE");
        clock.Restart();
        var (markdown, html) = Build(closed, records, text);
        var firstMs = clock.Elapsed.TotalMilliseconds;

        var warm = new List<double>(WarmRuns);
        for (var i = 0; i < WarmRuns; i++)
        {
            clock.Restart();
            Build(closed, records, text);
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }

        warm.Sort();
        return new SummaryTiming(records.Answers.Values.Sum(a => a.Count), loadMs, firstMs, Figures.Percentile(warm, 50), markdown, html);
    }

    public void Dispose() => (_store as IDisposable)?.Dispose();

    /// <summary>Both audiences' summaries in both formats; the sizes of the group's.</summary>
    private static (int Markdown, int Html) Build(Session closed, SessionRecords records, Text text)
    {
        var sizes = (Markdown: 0, Html: 0);
        foreach (var audience in new[] { SummaryAudience.Facilitators, SummaryAudience.Group })
        {
            var summary = SummaryBuilder.Build(closed, records, audience);
            sizes = (SummaryMarkdown.Render(summary, text).Length, SummaryHtml.Render(summary, text).Length);
        }

        return sizes;
    }
}
