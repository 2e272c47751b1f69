using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StuyfBot.Testing;

/// <summary>
/// Runs the official Adaptive Cards parser (npm adaptivecards, tests/peers/validate-cards.js) over
/// a batch of cards, each at its declared version. One node process per batch keeps it fast.
/// </summary>
public static class AdaptiveCardValidator
{
    /// <summary>The problems found per card name; an empty list means the card is valid.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ValidateAsync(
        IEnumerable<(string Name, JsonObject Card)> cards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        await NodePeers.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var input = new JsonArray([.. cards.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["card"] = c.Card.DeepClone() })]);
        var start = new ProcessStartInfo("node", "validate-cards.js")
        {
            WorkingDirectory = RepositoryPaths.Peers,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start: install Node.js 20.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(input.ToJsonString()).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"validate-cards.js failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        using var results = JsonDocument.Parse(await stdout.ConfigureAwait(false));
        return results.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => (IReadOnlyList<string>)[.. r.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)]);
    }
}
