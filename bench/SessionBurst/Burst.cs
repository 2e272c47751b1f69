using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StuyfBot.Cards.Localization;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>One person's press on "Ik ben er": how long the bot took to answer, and what went wrong if anything.</summary>
public sealed record Turn(Person Person, double LatencyMs, string? Error, double AnsweredAt);

/// <summary>
/// One check-in burst in a new group chat: the moderator starts a connectortafel, then every
/// person presses "Ik ben er" once, the presses spread evenly over the spread time without
/// waiting for each other. Afterwards it waits until the shared card has stopped changing and
/// reads, from what reached the connector, how often and how fast the card was updated.
/// </summary>
public sealed class Burst
{
    private const string CheckInVerb = "session.checkIn";
    private const string AdaptiveCardResponse = "application/vnd.microsoft.card.adaptive";

    /// <summary>BenchConnector answers every POST with this activity id.</summary>
    private const string CardActivityId = "1";

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly string PresentLabel = Text.For("nl-BE")["SessionPresentLabel"];

    private readonly HttpClient _http;
    private readonly ConnectorLog _connector;
    private readonly BurstOptions _options;
    private readonly Uri _messages;

    public Burst(HttpClient http, ConnectorLog connector, BurstOptions options)
    {
        _http = http;
        _connector = connector;
        _options = options;
        _messages = new Uri(options.Bot, "/api/messages");
    }

    public async Task<BurstResult> RunAsync(string kind)
    {
        // The conversation id holds a fresh tag, so the connector's log tells this burst's calls apart.
        var tag = Guid.NewGuid().ToString("N")[..12];
        var activities = new TeamsActivities(new Uri(_options.Connector, "/"), $"19:burst-{tag}@thread.v2");
        var moderator = new Person("29:burst-moderator", "Moderator");
        var people = Enumerable.Range(1, _options.People)
            .Select(i => new Person($"29:burst-{i:000}", $"Deelnemer {i:000}"))
            .ToList();

        var startError = await PostAsync(activities.Mention(moderator, "start connectortafel Burst").ToJsonString(), null).ConfigureAwait(false);
        var posted = (await _connector.CallsAsync(tag).ConfigureAwait(false)).FirstOrDefault(c => c.Method == "POST" && c.Card is not null)
            ?? throw new InvalidOperationException($"Starting the session posted no card ({startError ?? "the bot answered 200"}).");
        var sessionData = new JsonObject { ["sessionId"] = SessionIdIn(posted.Card!) };

        var clock = Stopwatch.StartNew();
        var presses = new List<Task<Turn>>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var due = _options.Spread * i / people.Count;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed).ConfigureAwait(false);
            }

            var person = people[i];
            var body = activities.CardAction(person, CheckInVerb, sessionData.DeepClone().AsObject(), CardActivityId).ToJsonString();
            presses.Add(PressAsync(person, body));
        }

        var lastSentMs = clock.Elapsed.TotalMilliseconds;
        var turns = await Task.WhenAll(presses).ConfigureAwait(false);
        var lastAnswerAt = turns.Max(t => t.AnsweredAt);
        var calls = await SettleAsync(tag, lastAnswerAt).ConfigureAwait(false);

        var expected = people.Select(p => p.Name).Append(moderator.Name).ToHashSet(StringComparer.Ordinal);
        var updates = calls.Where(c => c.Method == "PUT" && c.Path.EndsWith("/activities/" + CardActivityId, StringComparison.Ordinal)).ToList();
        var onCard = updates.Count == 0 ? [] : PresentNames(updates[^1].Card);
        var complete = updates.FirstOrDefault(u => expected.IsSubsetOf(PresentNames(u.Card)));
        var updateTimes = updates.Select(u => u.ReceivedAt).ToList();
        return new BurstResult(
            kind,
            [.. turns.Select(t => t.LatencyMs).Order()],
            turns.Where(t => t.Error is not null).Select(t => $"{t.Person.Name}: {t.Error}").ToList(),
            lastSentMs,
            updates.Count,
            Figures.MaxInWindow(updateTimes, TimeSpan.FromSeconds(1)),
            Figures.MaxInWindow(updateTimes, TimeSpan.FromSeconds(2)),
            Figures.MaxInWindow(updateTimes, TimeSpan.FromSeconds(30)),
            calls.Count(c => c.Method == "POST") - 1,
            complete is null ? null : complete.ReceivedAt - lastAnswerAt,
            onCard.Count,
            expected.Count,
            onCard.SetEquals(expected),
            BotCpuMs: 0);
    }

    /// <summary>The names in the card's "Aanwezig (n)" fact.</summary>
    internal static HashSet<string> PresentNames(JsonNode? card)
    {
        var fact = CardJson.Descendants(card).OfType<JsonObject>().FirstOrDefault(o =>
            o["title"] is JsonValue title && title.GetValueKind() == JsonValueKind.String
            && title.GetValue<string>().StartsWith(PresentLabel + " (", StringComparison.Ordinal));
        var names = fact?["value"]?.GetValue<string>().Split(", ") ?? [];
        return names.ToHashSet(StringComparer.Ordinal);
    }

    internal static string SessionIdIn(JsonObject card) =>
        CardJson.FindData(card, "sessionId") ?? throw new InvalidOperationException("The session card carries no sessionId.");

    private static double Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    /// <summary>Presses the button; the answer must be the person's own card showing them present.</summary>
    private async Task<Turn> PressAsync(Person person, string body)
    {
        var started = Stopwatch.GetTimestamp();
        var error = await PostAsync(body, person).ConfigureAwait(false);
        return new Turn(person, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error, Now());
    }

    /// <summary>Posts an activity; null when the bot answered as expected, otherwise what was wrong.</summary>
    private async Task<string?> PostAsync(string body, Person? expectPresent)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(_messages, content).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {answer}");
            }

            if (expectPresent is null)
            {
                return null;
            }

            var invoke = JsonNode.Parse(answer);
            if (invoke?["type"]?.GetValue<string>() != AdaptiveCardResponse)
            {
                return $"not a card: {answer}";
            }

            return PresentNames(invoke["value"]).Contains(expectPresent.Name) ? null : "their card does not show them present";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ex.Message;
        }
    }

    /// <summary>Waits until the conversation's calls have stopped (nothing new for the settle time); returns them.</summary>
    private async Task<IReadOnlyList<ConnectorCall>> SettleAsync(string tag, double lastAnswerAt)
    {
        while (true)
        {
            var calls = await _connector.CallsAsync(tag).ConfigureAwait(false);
            var quietSince = Math.Max(lastAnswerAt, calls.Count == 0 ? 0 : calls[^1].ReceivedAt);
            if (Now() - quietSince >= _options.Settle.TotalMilliseconds || Now() - lastAnswerAt >= GiveUpAfter.TotalMilliseconds)
            {
                return calls;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }
}
