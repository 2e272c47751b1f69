using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StuyfBot.Testing;

/// <summary>One call the bot made to the connector.</summary>
public sealed record ConnectorCall(string Method, string Path, JsonNode? Body, string? Authorization, DateTimeOffset At)
{
    /// <summary>The raw query string, with its leading '?', or empty.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>The Content-Length header the bot sent (null when it sent none).</summary>
    public long? ContentLength { get; init; }

    /// <summary>True when the bot sent the body chunked (Transfer-Encoding).</summary>
    public bool Chunked { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The conversation id from the path, URL-decoded.</summary>
    public string? ConversationId
    {
        get
        {
            var parts = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 && parts[0] == "v3" && parts[1] == "conversations" ? Uri.UnescapeDataString(parts[2]) : null;
        }
    }

    public string? Text => Body?["text"]?.GetValue<string>();

    public JsonObject? Card => Body?["attachments"]?[0]?["content"] as JsonObject;
}

/// <summary>
/// A Bot Connector on real HTTP on loopback that records every call the bot makes, answers like
/// the Teams connector, and can be told to fail (status codes, Retry-After) for fault tests.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly List<(Func<ConnectorCall, bool> Match, Fault Fault)> _matchingFaults = [];
    private readonly Lock _matchingLock = new();
    private readonly SemaphoreSlim _signal = new(0);
    private WebApplication? _app;
    private int _nextId;

    /// <summary>The serviceUrl to put into activities (ends with a slash).</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>The message of injected error bodies: it must never show up in the bot's exceptions or logs.</summary>
    public const string ErrorDetail = "connector-internal detail that must not leak";

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>Members returned by pagedmembers, in pages of the requested size.</summary>
    public List<JsonObject> Members { get; } = [];

    /// <summary>The rosters of particular conversations, by conversation id; others get <see cref="Members"/>.</summary>
    public ConcurrentDictionary<string, List<JsonObject>> Rosters { get; } = new(StringComparer.Ordinal);

    public static async Task<LoopbackConnector> StartAsync()
    {
        var connector = new LoopbackConnector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Map("/{**path}", connector.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        connector._app = app;
        return connector;
    }

    /// <summary>The next calls are answered with these statuses, one each, before normal answers resume.</summary>
    /// <remarks>With an <paramref name="errorCode"/>, the answer carries a connector error body with that code.</remarks>
    public void FailNext(int status, TimeSpan? retryAfter = null, int times = 1, string? errorCode = null)
    {
        var header = retryAfter is { } wait ? ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        Enqueue(new Fault(status, header, TimeSpan.Zero, Drop: false) { ErrorCode = errorCode }, times);
    }

    /// <summary>The next calls are answered with this status and a Retry-After as an HTTP date.</summary>
    public void FailNext(int status, DateTimeOffset retryAt, int times = 1) =>
        Enqueue(new Fault(status, retryAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero, Drop: false), times);

    /// <summary>
    /// The next calls that <paramref name="match"/> (only those) are answered with this status,
    /// one each; other calls are answered as usual.
    /// </summary>
    public void FailNextMatching(Func<ConnectorCall, bool> match, int status, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_matchingLock)
        {
            for (var i = 0; i < times; i++)
            {
                _matchingFaults.Add((match, new Fault(status, null, TimeSpan.Zero, Drop: false)));
            }
        }
    }

    /// <summary>The next call is answered with this status and this raw body (application/json).</summary>
    public void AnswerNext(int status, string body) => Enqueue(new Fault(status, null, TimeSpan.Zero, Drop: false) { Body = body }, 1);

    /// <summary>The next calls are recorded, then their connection is dropped without an answer.</summary>
    public void DropNext(int times = 1) => Enqueue(new Fault(0, null, TimeSpan.Zero, Drop: true), times);

    /// <summary>The next calls are recorded, then answered normally only after this delay.</summary>
    public void DelayNext(TimeSpan delay, int times = 1) => Enqueue(new Fault(0, null, delay, Drop: false), times);

    public void Clear()
    {
        _calls.Clear();
        _faults.Clear();
        lock (_matchingLock)
        {
            _matchingFaults.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> calls match, then returns them.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<ConnectorCall, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = _calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} matching connector calls, saw {found.Count}. All calls: {string.Join("; ", _calls.Select(c => c.Method + " " + c.Path))}");
            }

            await _signal.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _signal.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        JsonNode? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false);
        }

        var path = http.Request.Path.Value ?? string.Empty;
        var raw = http.Request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? path;
        var call = new ConnectorCall(http.Request.Method, raw.Split('?')[0], body, http.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow)
        {
            Query = http.Request.QueryString.Value ?? string.Empty,
            ContentLength = http.Request.ContentLength,
            Chunked = http.Request.Headers.TransferEncoding.Count > 0,
            ContentType = http.Request.ContentType,
        };
        _calls.Enqueue(call);
        _signal.Release();

        if (TakeMatchingFault(call) is { } fault || _faults.TryDequeue(out fault))
        {
            if (fault.Drop)
            {
                http.Abort();
                return;
            }

            if (fault.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(fault.Delay, http.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return; // The bot gave up on this call.
                }
            }
            else
            {
                http.Response.StatusCode = fault.Status;
                if (fault.RetryAfter is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = retryAfter;
                }

                if (fault.ErrorCode is { } code)
                {
                    await http.Response.WriteAsJsonAsync(new { error = new { code, message = ErrorDetail } }).ConfigureAwait(false);
                }
                else if (fault.Body is { } answer)
                {
                    http.Response.ContentType = "application/json";
                    await http.Response.WriteAsync(answer).ConfigureAwait(false);
                }

                return;
            }
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (http.Request.Method)
        {
            case "POST" when parts is ["v3", "conversations"]:
                var member = body?["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
                await http.Response.WriteAsJsonAsync(new { id = "a:1on1-" + member, activityId = NextId() }).ConfigureAwait(false);
                return;
            case "POST":
                http.Response.StatusCode = StatusCodes.Status201Created;
                await http.Response.WriteAsJsonAsync(new { id = NextId() }).ConfigureAwait(false);
                return;
            case "PUT":
                await http.Response.WriteAsJsonAsync(new { id = parts.LastOrDefault() }).ConfigureAwait(false);
                return;
            case "GET" when parts.Length >= 4 && parts[3] == "pagedmembers":
                await WriteMembersPageAsync(http, Rosters.TryGetValue(Uri.UnescapeDataString(parts[2]), out var roster) ? roster : Members).ConfigureAwait(false);
                return;
            default:
                http.Response.StatusCode = StatusCodes.Status200OK;
                return;
        }
    }

    private static Task WriteMembersPageAsync(HttpContext http, List<JsonObject> members)
    {
        var size = int.TryParse(http.Request.Query["pageSize"], out var s) && s > 0 ? s : 100;
        var start = int.TryParse(http.Request.Query["continuationToken"], out var c) ? c : 0;
        var page = members.Skip(start).Take(size).Select(m => (JsonNode)m.DeepClone()).ToArray();
        var result = new JsonObject { ["members"] = new JsonArray(page) };
        if (start + size < members.Count)
        {
            result["continuationToken"] = (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return http.Response.WriteAsync(result.ToJsonString());
    }

    /// <summary>One injected fault: a status (with Retry-After), a delay before the normal answer, or a dropped connection.</summary>
    private sealed record Fault(int Status, string? RetryAfter, TimeSpan Delay, bool Drop)
    {
        public string? ErrorCode { get; init; }

        public string? Body { get; init; }
    }

    private Fault? TakeMatchingFault(ConnectorCall call)
    {
        lock (_matchingLock)
        {
            var index = _matchingFaults.FindIndex(f => f.Match(call));
            if (index < 0)
            {
                return null;
            }

            var fault = _matchingFaults[index].Fault;
            _matchingFaults.RemoveAt(index);
            return fault;
        }
    }

    private void Enqueue(Fault fault, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    private string NextId() => "act-" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
