using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StuyfBot.Testing;

/// <summary>
/// One of the playground's WebSocket streams, read in the background into a list that tests
/// wait on. The playground does not replay: connect before the activity that causes the event.
/// </summary>
public sealed class PlaygroundStream<T> : IAsyncDisposable
    where T : class
{
    private readonly ClientWebSocket _socket;
    private readonly Func<JsonObject, T?> _parse;
    private readonly ConcurrentQueue<T> _items = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _name;
    private Task _reader = Task.CompletedTask;
    private string? _closed;

    private PlaygroundStream(ClientWebSocket socket, Func<JsonObject, T?> parse, string name)
    {
        _socket = socket;
        _parse = parse;
        _name = name;
    }

    /// <summary>Everything received so far (since the last <see cref="Clear"/>).</summary>
    public IReadOnlyList<T> Items => [.. _items];

    public static async Task<PlaygroundStream<T>> ConnectAsync(Uri uri, Func<JsonObject, T?> parse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new PlaygroundStream<T>(socket, parse, uri.AbsolutePath);
        stream._reader = stream.ReadAsync();
        return stream;
    }

    public void Clear() => _items.Clear();

    /// <summary>Waits until at least <paramref name="count"/> items match, then returns the matching ones.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(Func<T, bool> match, int count = 1, TimeSpan? timeout = null, Func<string>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + (timeout ?? AgentsPlayground.DefaultTimeout);
        while (true)
        {
            var found = _items.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Expected {count} matching events on {_name}, saw {found.Count}."
                    + (_closed is null ? string.Empty : $" The stream closed: {_closed}.")
                    + $"{Environment.NewLine}Received:{Environment.NewLine}{string.Join(Environment.NewLine, _items)}"
                    + (diagnostics is null ? string.Empty : Environment.NewLine + diagnostics()));
            }

            await _signal.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _socket.Dispose();
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed = $"{result.CloseStatus} {result.CloseStatusDescription}";
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Keep(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (WebSocketException ex)
        {
            _closed = ex.Message;
        }
    }

    private void Keep(string text)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (json is not null && _parse(json) is { } item)
        {
            _items.Enqueue(item);
            _signal.Release();
        }
    }
}

/// <summary>
/// A message the bot posted or updated, as the playground shows it (an event of
/// /_ws_conversation/v1/conversations/stream). The playground splits a bot activity with text and
/// cards into one message per part: the text first, then one message per attachment.
/// Action is createMessage or updateMessage; ConversationId is where it shows (a chat, a channel
/// for a new post, or a channel thread); PostConversationId is the thread a new channel post starts.
/// </summary>
public sealed record PlaygroundMessage(
    string Action,
    string ConversationId,
    string MessageId,
    string? PostConversationId,
    string? FromId,
    string? Text,
    JsonArray Attachments,
    JsonObject Raw)
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public bool IsUpdate => Action == "updateMessage";

    /// <summary>The Adaptive Card of this message, if it is one.</summary>
    public JsonObject? Card =>
        Attachments.OfType<JsonObject>().FirstOrDefault(a => (string?)a["contentType"] == CardContentType)?["content"] as JsonObject;

    public static PlaygroundMessage? Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var action = (string?)json["action"];
        if (action is not ("createMessage" or "updateMessage") || json["message"] is not JsonObject message)
        {
            return null;
        }

        return new PlaygroundMessage(
            action,
            (string?)json["actionConversationId"] ?? string.Empty,
            (string?)message["messageId"] ?? string.Empty,
            (string?)message["postConversationId"],
            (string?)message["from"]?["id"],
            (string?)message["text"],
            message["attachments"] as JsonArray ?? [],
            json);
    }

    public override string ToString() =>
        $"{Action} in {ConversationId} #{MessageId}: {Text ?? (Card is { } card ? "[card] " + card.ToJsonString() : "[no text]")}";
}

/// <summary>
/// One line of the playground's log (/_ws/log/stream): an activity it sent to the bot with the
/// bot's HTTP answer, or a call the bot made to its connector with the playground's answer.
/// </summary>
public sealed record PlaygroundLogEntry(
    string? ConversationId,
    string? ActivityName,
    string? MessageId,
    string? From,
    string? To,
    JsonNode? RequestBody,
    int? ResponseStatus,
    JsonNode? ResponseBody,
    string? Level,
    string? DisplayText,
    JsonObject Raw)
{
    /// <summary>How the playground names itself in its log.</summary>
    public const string Playground = "Microsoft 365 Agents Playground";

    /// <summary>An activity the playground delivered to the bot (the response is the bot's).</summary>
    public bool IsToBot => From == Playground;

    /// <summary>A connector call of the bot (the response is the playground's).</summary>
    public bool IsFromBot => To == Playground;

    public static PlaygroundLogEntry? Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json["log"] is not JsonObject log)
        {
            return null;
        }

        return new PlaygroundLogEntry(
            (string?)log["conversationId"],
            (string?)log["activityName"],
            (string?)log["messageId"],
            (string?)log["from"],
            (string?)log["to"],
            log["request"]?["body"],
            log["response"]?["statusCode"] is JsonValue status && status.TryGetValue<int>(out var code) ? code : null,
            log["response"]?["body"],
            (string?)log["level"],
            (string?)log["displayText"],
            json);
    }

    public override string ToString() =>
        ActivityName is null
            ? $"[{Level ?? "info"}] {DisplayText}"
            : $"{From} -> {To}: {ActivityName} {ResponseStatus} {RequestBody?.ToJsonString()} => {ResponseBody?.ToJsonString()}";
}
