using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StuyfBot.Testing;

/// <summary>
/// The Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), a local Teams-like
/// client, started on a free loopback port against a bot endpoint and driven through its script
/// API: read its mock tenant, send messages and card actions, send raw activities, and read the
/// bot's messages and the playground's log from its WebSocket streams.
/// </summary>
public sealed partial class AgentsPlayground : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NodeProcess _process;
    private readonly string _workDirectory;
    private readonly HttpClient _http;

    private AgentsPlayground(NodeProcess process, int port, string workDirectory)
    {
        _process = process;
        _workDirectory = workDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
    }

    /// <summary>The web UI and the script API.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The serviceUrl the playground puts into activities: no trailing slash.</summary>
    public string ServiceUrl => new Uri(BaseAddress, "_connector").ToString();

    /// <summary>The mock tenant, read once at start.</summary>
    public PlaygroundConfig Config { get; private set; } = null!;

    /// <summary>Builders for activities from any person of the tenant, in any locale.</summary>
    public PlaygroundActivities Activities { get; private set; } = null!;

    /// <summary>The bot's messages as the playground shows them (created and updated).</summary>
    public PlaygroundStream<PlaygroundMessage> Messages { get; private set; } = null!;

    /// <summary>The playground's log: what it sent the bot and the bot's answers, the bot's connector calls.</summary>
    public PlaygroundStream<PlaygroundLogEntry> Log { get; private set; } = null!;

    /// <summary>The file the playground writes its console log to.</summary>
    public string LogFile => Path.Combine(_workDirectory, "playground.log");

    public int ProcessId => _process.Id;

    /// <summary>
    /// Installs the npm peers if needed and starts the playground against <paramref name="botEndpoint"/>
    /// (for example http://127.0.0.1:3978/api/messages), with the built-in mock tenant or
    /// <paramref name="roster"/>. The bot should already be listening.
    /// </summary>
    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, PlaygroundRoster? roster = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        await NodePeers.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var cli = NodePeers.Require(Path.Combine("@microsoft", "m365agentsplayground", "cli.js"));
        var loopback = Path.Combine(RepositoryPaths.Peers, "loopback.cjs");
        var workDirectory = Directory.CreateTempSubdirectory("stuyfbot-playground-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory, "playground.log"),
        };
        if (roster is not null)
        {
            var rosterFile = Path.Combine(workDirectory, "roster.yml");
            await File.WriteAllTextAsync(rosterFile, roster.ToYaml(), cancellationToken).ConfigureAwait(false);
            environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = rosterFile;
        }

        AgentsPlayground? playground = null;
        try
        {
            playground = await StartProcessAsync(cli, loopback, botEndpoint, workDirectory, environment, cancellationToken).ConfigureAwait(false);
            playground.Config = await playground.GetConfigAsync(cancellationToken).ConfigureAwait(false);
            playground.Activities = new PlaygroundActivities(playground.Config, playground.ServiceUrl);
            var ws = new UriBuilder(playground.BaseAddress) { Scheme = "ws" }.Uri;
            playground.Messages = await PlaygroundStream<PlaygroundMessage>.ConnectAsync(new Uri(ws, "_ws_conversation/v1/conversations/stream"), PlaygroundMessage.Parse, cancellationToken).ConfigureAwait(false);
            playground.Log = await PlaygroundStream<PlaygroundLogEntry>.ConnectAsync(new Uri(ws, "_ws/log/stream"), PlaygroundLogEntry.Parse, cancellationToken).ConfigureAwait(false);
            return playground;
        }
        catch
        {
            if (playground is not null)
            {
                await playground.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                TryDelete(workDirectory);
            }

            throw;
        }
    }

    /// <summary>GET /_internal/v1/config (the playground first waits up to 15 s for the bot endpoint to answer).</summary>
    public async Task<PlaygroundConfig> GetConfigAsync(CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync("_internal/v1/config", cancellationToken).ConfigureAwait(false);
        return body["config"].Deserialize<PlaygroundConfig>(Json)
            ?? throw new InvalidOperationException("The playground's config has no \"config\": " + body.ToJsonString());
    }

    /// <summary>
    /// Sends a message through the playground's own message API, as the playground's user types it:
    /// always from the current user, with locale en-US. In a group chat or channel the bot is
    /// @mentioned unless <paramref name="mentionBot"/> is false (then, as in Teams, the bot gets nothing).
    /// Sent to a channel, the message starts a thread: the bot's reply comes in <see cref="PlaygroundSent.ReplyConversationId"/>.
    /// </summary>
    public async Task<PlaygroundSent> SendMessageAsync(string conversationId, string text, bool? mentionBot = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var mention = mentionBot ?? Config.KindOf(conversationId) != PlaygroundConversationKind.Personal;
        var mentionText = $"<at>{Config.Bot.Name}</at>";
        var body = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = Config.CurrentUser.Id },
            ["text"] = mention ? mentionText + " " + text : text,
            ["textFormat"] = "plain",
        };
        if (mention)
        {
            body["mentions"] = new JsonArray(new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = Config.Bot.Id },
                ["text"] = mentionText,
            });
        }

        var answer = await PostJsonAsync($"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body, cancellationToken).ConfigureAwait(false);
        var messageId = (string?)answer["messageId"] ?? throw new InvalidOperationException("No messageId in " + answer.ToJsonString());
        return new PlaygroundSent(messageId, conversationId, (string?)answer["postConversationId"]);
    }

    /// <summary>
    /// Clicks an Action.Execute on a card the bot posted (POST /_conversation/v1/invoke) and returns
    /// the bot's invoke response as the playground passes it on ({ type, value }: the playground
    /// drops the statusCode; <see cref="Log"/> has the full body). The playground sends it from
    /// <paramref name="fromId"/> (default: the current user) with locale en-US, and replaces the
    /// card with a returned card.
    /// </summary>
    public async Task<PlaygroundInvokeResponse> InvokeCardActionAsync(string conversationId, string cardMessageId, string verb, JsonObject? data = null, string? fromId = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["from"] = new JsonObject { ["id"] = fromId ?? Config.CurrentUser.Id },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = cardMessageId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
                ["trigger"] = "manual",
            },
        };
        var answer = await PostJsonAsync("_conversation/v1/invoke", body, cancellationToken).ConfigureAwait(false);
        return new PlaygroundInvokeResponse((string?)answer["type"], answer["value"]);
    }

    /// <summary>
    /// Sends a raw activity to the bot (POST /_internal/v1/customActivities), e.g. one built with
    /// <see cref="Activities"/>, and waits for the bot's HTTP answer in the playground's log. The
    /// playground forwards it unchanged; it must carry an id.
    /// </summary>
    public async Task<PlaygroundLogEntry> SendActivityAsync(JsonObject activity, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = (string?)activity["id"] ?? throw new ArgumentException("The activity needs an id to find the bot's answer.", nameof(activity));
        using (var response = await _http.PostAsJsonAsync("_internal/v1/customActivities", activity, cancellationToken).ConfigureAwait(false))
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var entries = await Log.WaitForAsync(e => e.IsToBot && e.MessageId == id, timeout: timeout, diagnostics: Diagnostics).ConfigureAwait(false);
        return entries[0];
    }

    /// <summary>
    /// Does what the web UI does when it opens a conversation (POST /_debug/conversation/{id}/installation):
    /// the playground sends the bot an installationUpdate (add) and a conversationUpdate adding the
    /// bot (and, in the personal chat, the user), as Teams does when the app is installed there.
    /// Returns both deliveries with the bot's answers.
    /// </summary>
    public async Task<IReadOnlyList<PlaygroundLogEntry>> InstallAsync(string conversationId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var before = Log.Items.Count(e => e.IsToBot && e.ConversationId == conversationId && e.ActivityName is "installationUpdate" or "conversationUpdate");
        using (var response = await _http.PostAsJsonAsync($"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject(), cancellationToken).ConfigureAwait(false))
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var delivered = await Log.WaitForAsync(e => e.IsToBot && e.ConversationId == conversationId && e.ActivityName is "installationUpdate" or "conversationUpdate", before + 2, timeout, Diagnostics).ConfigureAwait(false);
        return [.. delivered.Skip(before)];
    }

    /// <summary>GET /_internal/v1/customActivities/template: the playground's own shape of an activity type in a conversation.</summary>
    public Task<JsonObject> GetActivityTemplateAsync(string conversationId, string? type = null, CancellationToken cancellationToken = default)
    {
        var query = "conversationId=" + Uri.EscapeDataString(conversationId) + (type is null ? string.Empty : "&type=" + Uri.EscapeDataString(type));
        return GetJsonAsync("_internal/v1/customActivities/template?" + query, cancellationToken);
    }

    /// <summary>Waits for new messages of the bot in a conversation (a chat, a channel, or a channel thread).</summary>
    public Task<IReadOnlyList<PlaygroundMessage>> WaitForMessagesAsync(string conversationId, Func<PlaygroundMessage, bool>? match = null, int count = 1, TimeSpan? timeout = null) =>
        Messages.WaitForAsync(m => !m.IsUpdate && m.ConversationId == conversationId && (match?.Invoke(m) ?? true), count, timeout, Diagnostics);

    /// <summary>
    /// Waits for the 1:1 chat the playground made when the bot asked for one with <paramref name="userId"/>
    /// (POST v3/conversations) and returns its id: for the current user their own personal chat,
    /// for anyone else a new "{guid}@test.user" chat.
    /// </summary>
    public async Task<string> WaitForPersonalChatAsync(string userId, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var created = await Log.WaitForAsync(
            e => e.IsFromBot && e.ActivityName == "createConversation" && e.ResponseStatus == 201
                && (string?)e.RequestBody?["members"]?[0]?["id"] == userId,
            timeout: timeout,
            diagnostics: Diagnostics).ConfigureAwait(false);
        return (string?)created[0].ResponseBody?["id"] ?? throw new InvalidOperationException("The playground made a conversation without an id: " + created[0]);
    }

    /// <summary>
    /// Waits for activities the bot posted to a conversation that the playground accepted (201),
    /// as its log shows them (the request body is the bot's activity, the response body has the
    /// message id). This is the only view of a 1:1 chat of someone other than the current user:
    /// the playground keeps those messages but leaves them off its conversation stream (its web UI
    /// shows the current user's chats only: ConversationWebsocket.isOtherUserChat).
    /// </summary>
    public Task<IReadOnlyList<PlaygroundLogEntry>> WaitForBotPostsAsync(string conversationId, Func<JsonObject, bool>? match = null, int count = 1, TimeSpan? timeout = null) =>
        Log.WaitForAsync(
            e => e.IsFromBot && e.ActivityName == "message" && e.ResponseStatus == 201 && e.ConversationId == conversationId
                && e.RequestBody is JsonObject activity && (match?.Invoke(activity) ?? true),
            count,
            timeout,
            Diagnostics);

    /// <summary>The process output, the playground's log file and log stream: for failure messages.</summary>
    public string Diagnostics()
    {
        var file = File.Exists(LogFile) ? string.Join(Environment.NewLine, ReadLines(LogFile).TakeLast(40)) : "(no log file)";
        var log = Log is null ? string.Empty : string.Join(Environment.NewLine, Log.Items.TakeLast(20));
        return $"Playground on {BaseAddress} (pid {_process.Id}, exited: {_process.HasExited}).{Environment.NewLine}"
            + $"Output:{Environment.NewLine}{_process.Output}{Environment.NewLine}Log file:{Environment.NewLine}{file}{Environment.NewLine}Log stream:{Environment.NewLine}{log}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Messages is not null)
        {
            await Messages.DisposeAsync().ConfigureAwait(false);
        }

        if (Log is not null)
        {
            await Log.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
        TryDelete(_workDirectory);
    }

    private static async Task<AgentsPlayground> StartProcessAsync(string cli, string loopback, Uri botEndpoint, string workDirectory, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        // The playground falls back to a random port when its port is taken, which would make the
        // --service-url wrong: start again on another port then.
        for (var attempt = 1; ; attempt++)
        {
            var port = Ports.Free();
            var arguments = $"-r \"{loopback}\" \"{cli}\" start -e \"{botEndpoint}\" -c msteams -p {port} "
                + $"--service-url http://127.0.0.1:{port}/_connector --disable-telemetry";
            var process = NodeProcess.Start(arguments, workDirectory, environment);
            var listening = await WaitForListeningAsync(process, cancellationToken).ConfigureAwait(false);
            if (listening == port)
            {
                return new AgentsPlayground(process, port, workDirectory);
            }

            var output = process.Output;
            await process.DisposeAsync().ConfigureAwait(false);
            if (attempt == 3)
            {
                throw new InvalidOperationException($"The Agents Playground did not listen on its port {port} (it said {listening?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}): {output}");
            }
        }
    }

    private static async Task<int?> WaitForListeningAsync(NodeProcess process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ListeningLine().Match(process.Output) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("The Agents Playground exited at start (is Node.js 20 installed? did `npm ci` in tests/peers succeed?): " + process.Output);
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The Agents Playground did not start within {StartTimeout}: {process.Output}");
    }

    private async Task<JsonObject> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {text}");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The playground answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}", null, response.StatusCode);
        }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the OS cleans up what is left.
        }
        catch (UnauthorizedAccessException)
        {
            // Idem.
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}

/// <summary>A message sent through the playground's message API (sent to a channel: PostConversationId is the thread it started).</summary>
public sealed record PlaygroundSent(string MessageId, string ConversationId, string? PostConversationId)
{
    /// <summary>Where the bot's reply shows: the new thread for a channel post, else the conversation.</summary>
    public string ReplyConversationId => PostConversationId ?? ConversationId;
}

/// <summary>The bot's invoke response as the playground's invoke API returns it.</summary>
public sealed record PlaygroundInvokeResponse(string? Type, JsonNode? Value)
{
    public JsonObject? Card => Type == PlaygroundMessage.CardContentType ? Value as JsonObject : null;
}
