// Usage: dotnet StuyfBot.BenchConnector.dll --urls http://127.0.0.1:3979
// GET /_stats returns the number of calls per method since start (and resets with ?reset=1).
using System.Collections.Concurrent;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
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

app.Map("/v3/{**rest}", async (HttpContext http) =>
{
    counts.AddOrUpdate(http.Request.Method, 1, (_, n) => n + 1);
    await http.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
    http.Response.StatusCode = http.Request.Method == "POST" ? 201 : 200;
    http.Response.ContentType = "application/json";
    http.Response.ContentLength = created.Length;
    await http.Response.Body.WriteAsync(created).ConfigureAwait(false);
});

await app.RunAsync().ConfigureAwait(false);
