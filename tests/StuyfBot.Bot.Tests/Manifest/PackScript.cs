using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Manifest;

/// <summary>Runs the real manifest/pack.mjs with node, after `npm ci` in manifest/ when needed.</summary>
internal static class PackScript
{
    /// <summary>Configuration pack.mjs reads from the environment; cleared unless a test sets it.</summary>
    private static readonly string[] ConfigurationVariables =
        ["Bot__AppId", "BOT__APPID", "TeamsApp__Id", "TEAMSAPP__ID", "TeamsApp__Domain", "TEAMSAPP__DOMAIN"];

    public static string ScriptPath => Path.Combine(RepositoryPaths.Manifest, "pack.mjs");

    public static string TemplatePath => Path.Combine(RepositoryPaths.Manifest, "manifest.template.json");

    public static async Task<NodeScriptResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await NodePeers.EnsureInstalledAsync(RepositoryPaths.Manifest, timeout.Token);
        var variables = ConfigurationVariables.ToDictionary(name => name, name => (string?)null);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return await NodeScript.RunAsync(ScriptPath, arguments, variables, timeout.Token);
    }
}
