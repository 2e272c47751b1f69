// Usage: dotnet StuyfBot.BenchConnector.dll --urls http://127.0.0.1:3979 [--KeepCalls true]
// GET /_stats returns the number of calls per method since start (and resets with ?reset=1).
// With KeepCalls, every call is also kept (method, path, arrival in Unix milliseconds, body) and
// GET /_calls returns them (?reset=1 clears), so a benchmark can check what reached Teams and when.
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var keepCalls = app.Configuration.GetValue<bool>("KeepCalls");
var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
var calls = new ConcurrentQueue<JsonObject>();
var created = "{\"id\":\"1\"}"u8.ToArray();

app.MapGet("/_stats", (HttpContext http) =>
{
    var snapshot = counts.ToDictionary(kv => kv.Key, kv => kv.Value);
    if (http.Request.Query.ContainsKey("reset"))
    {
        counts.Clear();
    }

    return Results.Json(snapshot);
});

app.MapGet("/_calls", (HttpContext http) =>
{
    var snapshot = new JsonArray([.. calls.Select(c => c.DeepClone())]);
    if (http.Request.Query.ContainsKey("reset"))
    {
        calls.Clear();
    }

    return Results.Text(snapshot.ToJsonString(), "application/json");
});

app.Map("/v3/{**rest}", async (HttpContext http) =>
{
    var receivedAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
    counts.AddOrUpdate(http.Request.Method, 1, (_, n) => n + 1);
    if (keepCalls)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        calls.Enqueue(new JsonObject
        {
            ["method"] = http.Request.Method,
            ["path"] = http.Request.Path.Value,
            ["receivedAt"] = receivedAt,
            ["body"] = body.Length == 0 ? null : JsonNode.Parse(body),
        });
    }
    else
    {
        await http.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
    }

    http.Response.StatusCode = http.Request.Method == "POST" ? 201 : 200;
    http.Response.ContentType = "application/json";
    http.Response.ContentLength = created.Length;
    await http.Response.Body.WriteAsync(created).ConfigureAwait(false);
});

await app.RunAsync().ConfigureAwait(false);
