using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StuyfBot.Cards.Localization;
using StuyfBot.Dialogs.Pitches;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>One answer (or a redelivery of one) as sent: whose, when, how long the bot took, what went wrong.</summary>
public sealed record AnswerTurn(int Index, bool Redelivery, double SentAtMs, double LatencyMs, string? Error, double AnsweredAt);

/// <summary>
/// The answer burst: in one group chat a moderator starts a connectortafel, everyone checks in
/// and one pitcher per burst submits a pitch (setup, not measured). Then per burst the moderator
/// brings up the next pitch and every participant answers it through the posted cards, all
/// within the spread time, with some answers delivered twice (the same activity, as Teams
/// redelivers). Afterwards: what reached the connector, and what the bot stored. At the end the
/// moderator closes the session, and the summary of the session is timed.
/// </summary>
public sealed class AnswerBurst
{
    private const string AnswerVerb = "session.answer";
    private const string CloseConfirmVerb = "session.closeConfirm";
    private const string CardResponse = "application/vnd.microsoft.card.adaptive";

    /// <summary>What a closed session leaves in storage: JSON, Markdown and HTML, for the group and for the facilitators.</summary>
    private const int SummaryFiles = 6;

    /// <summary>BenchConnector answers every POST with this activity id (the live card's, and the answer card's).</summary>
    private const string CardActivityId = "1";

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly AnswerKind[] Kinds = [AnswerKind.Tip, AnswerKind.Contact, AnswerKind.Offer, AnswerKind.Question];
    private static readonly Text Dutch = Text.For("nl-BE");

    private readonly HttpClient _http;
    private readonly ConnectorLog _connector;
    private readonly BurstOptions _options;
    private readonly StoredSession _stored;
    private readonly Uri _messages;

    public AnswerBurst(HttpClient http, ConnectorLog connector, BurstOptions options, StoredSession stored)
    {
        _http = http;
        _connector = connector;
        _options = options;
        _stored = stored;
        _messages = new Uri(options.Bot, "/api/messages");
    }

    /// <summary>Setup, the bursts (one per pitch), the close and the summary; <paramref name="report"/> hears of each burst as it ends.</summary>
    public async Task<AnswerRun> RunAsync(Action<AnswerBurstResult> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var activities = new TeamsActivities(new Uri(_options.Connector, "/"), $"19:answers-{tag}@thread.v2");
        var moderator = new Person("29:answers-moderator", "Moderator");
        var pitchers = Enumerable.Range(1, _options.Bursts).Select(i => new Person($"29:answers-pitcher-{i}", $"Pitcher {i}")).ToList();
        var people = Enumerable.Range(1, _options.People).Select(i => new Person($"29:answers-{i:000}", $"Deelnemer {i:000}")).ToList();

        // Setup: the session, everyone checked in, the pitches in the queue.
        var setup = Stopwatch.StartNew();
        await PostAsync(activities.Mention(moderator, "start connectortafel Antwoorden").ToJsonString(), cancellationToken).ConfigureAwait(false);
        var liveCard = await WaitForCallAsync(tag, 0, c => c.Method == "POST" && c.Card is not null, cancellationToken).ConfigureAwait(false);
        var sessionId = Burst.SessionIdIn(liveCard.Card!);
        await Parallel.ForEachAsync(
            pitchers.Concat(people),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (person, ct) => await InvokeCardAsync(activities, person, "session.checkIn", new JsonObject { ["sessionId"] = sessionId }, ct).ConfigureAwait(false)).ConfigureAwait(false);
        for (var i = 0; i < pitchers.Count; i++)
        {
            var pitch = new JsonObject
            {
                ["sessionId"] = sessionId,
                ["pitchAlive"] = $"Pitch {i + 1}: ik wil een repair café starten in de wijk",
                ["pitchSeek"] = "mensen die kunnen herstellen, en een plek op zaterdag",
                ["pitchVisibility"] = "group",
            };
            await InvokeCardAsync(activities, pitchers[i], "session.pitch.submit", pitch, cancellationToken).ConfigureAwait(false);
        }

        var setupMs = setup.Elapsed.TotalMilliseconds;
        await Task.Delay(_options.Settle, cancellationToken).ConfigureAwait(false);

        var bursts = new List<AnswerBurstResult>();
        for (var burst = 1; burst <= _options.Bursts; burst++)
        {
            var result = await BurstAsync(burst, tag, activities, moderator, people, sessionId, cancellationToken).ConfigureAwait(false);
            bursts.Add(result);
            report(result);
        }

        // The close, as the moderator does it: "sluit af", then the confirm button.
        var closeFrom = Now();
        await PostAsync(activities.Mention(moderator, "sluit af").ToJsonString(), cancellationToken).ConfigureAwait(false);
        var confirmCard = await WaitForCallAsync(tag, closeFrom, c => c.Method == "POST" && CardJson.ActionData(c.Card, CloseConfirmVerb) is not null, cancellationToken).ConfigureAwait(false);
        var confirm = Stopwatch.StartNew();
        await InvokeCardAsync(activities, moderator, CloseConfirmVerb, CardJson.ActionData(confirmCard.Card, CloseConfirmVerb)!, cancellationToken).ConfigureAwait(false);
        var closeMs = confirm.Elapsed.TotalMilliseconds;
        double? summaryStoredMs = null;
        var summaryFiles = 0;
        while (confirm.Elapsed < TimeSpan.FromSeconds(10))
        {
            summaryFiles = await _stored.SummaryFilesAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (summaryFiles >= SummaryFiles)
            {
                summaryStoredMs = confirm.Elapsed.TotalMilliseconds;
                break;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        var closed = await _stored.SessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (closed?.ClosedAt is null)
        {
            throw new InvalidOperationException("After the confirm the stored session is not closed.");
        }

        var summary = await _stored.TimeSummaryAsync(closed, cancellationToken).ConfigureAwait(false);
        return new AnswerRun(setupMs, bursts, closeMs, summaryFiles, summaryStoredMs, summary);
    }

    private async Task<AnswerBurstResult> BurstAsync(
        int number, string tag, TeamsActivities activities, Person moderator, List<Person> people, string sessionId, CancellationToken cancellationToken)
    {
        // The moderator brings up the next pitch; the bot posts it with the form to answer it.
        var (botCpu, storeCpu) = (BotProcess.CpuMilliseconds(_options.BotPid), BotProcess.CpuMilliseconds(_options.StorePid));
        var from = Now();
        await InvokeCardAsync(activities, moderator, "session.pitch.next", new JsonObject { ["sessionId"] = sessionId }, cancellationToken).ConfigureAwait(false);
        var pitchUp = await WaitForCallAsync(tag, from, c => c.Method == "POST" && CardJson.ActionData(c.Card, AnswerVerb) is not null, cancellationToken).ConfigureAwait(false);
        var answerCardData = CardJson.ActionData(pitchUp.Card, AnswerVerb)!;
        var pitchId = answerCardData["pitchId"]!.GetValue<string>();

        // Every answer ready before the clock starts: half pressed on the posted answer card (its
        // answer is that card with thanks), half on the live card (the person's own live card).
        var bodies = people.Select((person, i) =>
        {
            var data = i % 2 == 0 ? answerCardData.DeepClone().AsObject() : new JsonObject { ["sessionId"] = sessionId, ["pitchId"] = pitchId };
            data["answerKind"] = Kinds[i % Kinds.Length].ToString().ToLowerInvariant();
            data["answerText"] = AnswerText(i, person);
            return activities.CardAction(person, AnswerVerb, data, CardActivityId).ToJsonString();
        }).ToList();

        // Originals evenly over the spread; each redelivery at a random moment after its original, within the window.
        var window = Math.Max(_options.Spread.TotalMilliseconds, 1000);
        var random = new Random(number);
        var sends = bodies.Select((_, i) => (DueMs: _options.Spread.TotalMilliseconds * i / bodies.Count, Index: i, Redelivery: false)).ToList();
        var shuffled = Enumerable.Range(0, bodies.Count).ToArray();
        random.Shuffle(shuffled);
        foreach (var i in shuffled.Take(Math.Min(_options.Redeliveries, bodies.Count)))
        {
            var due = sends[i].DueMs;
            sends.Add((due + (random.NextDouble() * (window - due)), i, true));
        }

        sends.Sort((a, b) => a.DueMs.CompareTo(b.DueMs));
        var clock = Stopwatch.StartNew();
        var turns = new List<Task<AnswerTurn>>(sends.Count);
        foreach (var (dueMs, index, redelivery) in sends)
        {
            var wait = TimeSpan.FromMilliseconds(dueMs) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            turns.Add(AnswerAsync(index, redelivery, bodies[index], clock.Elapsed.TotalMilliseconds, cancellationToken));
        }

        var lastSentMs = clock.Elapsed.TotalMilliseconds;
        var done = await Task.WhenAll(turns).ConfigureAwait(false);
        var lastAnswerAt = done.Where(t => !t.Redelivery).Max(t => t.AnsweredAt);
        var calls = await SettleAsync(tag, from, done.Max(t => t.AnsweredAt), cancellationToken).ConfigureAwait(false);
        (botCpu, storeCpu) = (BotProcess.CpuMilliseconds(_options.BotPid) - botCpu, BotProcess.CpuMilliseconds(_options.StorePid) - storeCpu);
        var kind = number == 1 ? "#1 (answers cold)" : $"#{number}";
        if (_options.TurnsOut is { } turnsOut)
        {
            await File.AppendAllLinesAsync(turnsOut, done.Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{_options.Label},{number},{t.Index},{(t.Redelivery ? 1 : 0)},{t.SentAtMs:F1},{t.LatencyMs:F1}")), cancellationToken).ConfigureAwait(false);
        }

        // What reached Teams: the live card's updates and the messages posted, against the per-conversation limits.
        var updates = calls.Where(c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + CardActivityId, StringComparison.Ordinal)).ToList();
        var times = calls.Select(c => c.ReceivedAt).ToList();
        var expectedCounts = string.Join(" · ", Kinds.Select(k => Dutch.Format($"AnswerCount{k}", Enumerable.Range(0, people.Count).Count(i => Kinds[i % Kinds.Length] == k))));
        // The current pitch's counts are a line of their own; a pitch done before shows its counts inside a longer line.
        var complete = updates.FirstOrDefault(u => CardJson.HasString(u.Card, expectedCounts));
        var stored = await _stored.AnswersAsync(sessionId, pitchId, [.. people.Select(p => p.Id)], cancellationToken).ConfigureAwait(false);
        var originals = done.Where(t => !t.Redelivery).ToList();
        var redeliveries = done.Where(t => t.Redelivery).ToList();
        return new AnswerBurstResult(
            kind,
            people.Count,
            [.. originals.Select(t => t.LatencyMs).Order()],
            [.. redeliveries.Select(t => t.LatencyMs).Order()],
            [.. done.Where(t => t.Error is not null).Select(t => $"{(t.Redelivery ? "redelivery of " : string.Empty)}{people[t.Index].Name}: {t.Error}")],
            originals.Max(t => t.SentAtMs),
            done.Max(t => t.SentAtMs),
            updates.Count,
            calls.Count - updates.Count,
            Figures.MaxInWindow(times, TimeSpan.FromSeconds(1)),
            Figures.MaxInWindow(times, TimeSpan.FromSeconds(2)),
            Figures.MaxInWindow(times, TimeSpan.FromSeconds(30)),
            complete is null ? null : complete.ReceivedAt - lastAnswerAt,
            updates.Count > 0 && CardJson.HasString(updates[^1].Card, expectedCounts),
            stored,
            botCpu,
            storeCpu);
    }

    /// <summary>What a participant types; every fourth a contact with a web address, as the summary lists links.</summary>
    private static string AnswerText(int index, Person person) => (index % Kinds.Length) switch
    {
        0 => $"{person.Name}: vraag eens bij het buurthuis, daar staat een werkbank die niemand gebruikt.",
        1 => $"{person.Name}: ik ken iemand bij Repair Gent, zie https://example.be/repair/{index} voor de contactgegevens.",
        2 => $"{person.Name}: ik kan op zaterdag helpen met naaimachines en fietsen.",
        _ => $"{person.Name}: hoeveel mensen verwacht je de eerste keer?",
    };

    private static double Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    /// <summary>One answer; it must get a card back (the answer card with thanks when pressed there).</summary>
    private async Task<AnswerTurn> AnswerAsync(int index, bool redelivery, string body, double sentAtMs, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(_messages, content, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            error = response.StatusCode != HttpStatusCode.OK ? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {answer}")
                : JsonNode.Parse(answer) is not { } invoke || invoke["type"]?.GetValue<string>() != CardResponse ? $"not a card: {answer}"
                : index % 2 == 0 && !CardJson.HasString(invoke["value"], Dutch["AnswerThanks"]) ? "the answer card came back without thanks"
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            error = ex.Message;
        }

        return new AnswerTurn(index, redelivery, sentAtMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error, Now());
    }

    /// <summary>An invoke whose answer must be a card (setup and moderator steps: any other answer stops the run).</summary>
    private async Task InvokeCardAsync(TeamsActivities activities, Person person, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        var answer = await PostAsync(activities.CardAction(person, verb, data, CardActivityId).ToJsonString(), cancellationToken).ConfigureAwait(false);
        if (JsonNode.Parse(answer)?["type"]?.GetValue<string>() != CardResponse)
        {
            throw new InvalidOperationException($"{verb} by {person.Name} was answered without a card: {answer}");
        }
    }

    private async Task<string> PostAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_messages, content, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK
            ? answer
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The bot answered HTTP {(int)response.StatusCode}: {answer}"));
    }

    /// <summary>The first call of the conversation since <paramref name="from"/> that matches.</summary>
    private async Task<ConnectorCall> WaitForCallAsync(string tag, double from, Func<ConnectorCall, bool> match, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = (await _connector.CallsAsync(tag).ConfigureAwait(false)).FirstOrDefault(c => c.ReceivedAt >= from && match(c));
            if (found is not null)
            {
                return found;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException("The bot did not post what was expected within 10 s.");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the conversation's calls have stopped (nothing new for the settle time); returns those since <paramref name="from"/>.</summary>
    private async Task<IReadOnlyList<ConnectorCall>> SettleAsync(string tag, double from, double lastAnswerAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var calls = (await _connector.CallsAsync(tag).ConfigureAwait(false)).Where(c => c.ReceivedAt >= from).ToList();
            var quietSince = Math.Max(lastAnswerAt, calls.Count == 0 ? 0 : calls[^1].ReceivedAt);
            if (Now() - quietSince >= _options.Settle.TotalMilliseconds || Now() - lastAnswerAt >= GiveUpAfter.TotalMilliseconds)
            {
                return calls;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A whole answer-burst run against one bot process.</summary>
/// <param name="SetupMs">Starting the session, checking everyone in and submitting the pitches.</param>
/// <param name="Bursts">Each burst, one per pitch.</param>
/// <param name="CloseMs">The moderator's confirm of "sluit af": request sent to answer read (the bot publishes the summary within that turn).</param>
/// <param name="SummaryFiles">Summary files of the session found in storage (six expected).</param>
/// <param name="SummaryStoredMs">From sending the confirm until all six summary files were stored (null: not within 10 s).</param>
/// <param name="Summary">The summary of the closed session, built in this process from what the bot stored.</param>
public sealed record AnswerRun(double SetupMs, IReadOnlyList<AnswerBurstResult> Bursts, double CloseMs, int SummaryFiles, double? SummaryStoredMs, SummaryTiming Summary);
