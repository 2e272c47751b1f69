using System.Text.Json.Nodes;

namespace StuyfBot.Bench.SessionBurst;

/// <summary>One call the BenchConnector received: what Teams would have received.</summary>
public sealed record ConnectorCall(string Method, string Path, double ReceivedAt, JsonNode? Body)
{
    /// <summary>The adaptive card the activity carries, if any.</summary>
    public JsonObject? Card => Body?["attachments"]?.AsArray().FirstOrDefault()?["content"]?.AsObject();
}

/// <summary>The BenchConnector's call log (GET /_calls; it must run with KeepCalls=true).</summary>
public sealed class ConnectorLog
{
    private readonly HttpClient _http;
    private readonly Uri _calls;

    public ConnectorLog(HttpClient http, Uri connector)
    {
        _http = http;
        _calls = new Uri(connector, "/_calls");
    }

    /// <summary>The calls whose path contains <paramref name="pathPart"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> CallsAsync(string pathPart)
    {
        var json = await _http.GetStringAsync(_calls).ConfigureAwait(false);
        return [.. JsonNode.Parse(json)!.AsArray()
            .Select(c => new ConnectorCall(
                c!["method"]!.GetValue<string>(),
                c["path"]!.GetValue<string>(),
                c["receivedAt"]!.GetValue<double>(),
                c["body"]?.DeepClone()))
            .Where(c => c.Path.Contains(pathPart, StringComparison.Ordinal))
            .OrderBy(c => c.ReceivedAt)];
    }
}
