using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Platform.Hosting;

/// <summary>
/// Without authentication anyone who can reach the bot can speak as anyone, so in local mode the
/// bot listens on loopback only: an address on any other interface stops the start, naming the
/// setting that asked for it.
/// </summary>
public static class LocalAddresses
{
    public static void EnsureLoopback(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wrong = new List<string>();
        wrong.AddRange(urls.Where(url => !IsLoopback(url)).Select(url => $"'{url}' (urls, --urls or ASPNETCORE_URLS)"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url && !IsLoopback(url))
            {
                wrong.Add($"'{url}' (Kestrel:Endpoints:{endpoint.Key}:Url)");
            }
        }

        if (wrong.Count > 0)
        {
            throw new InvalidOperationException(
                "Bot:AppId is empty, so the bot runs without authentication and may only listen on loopback (127.0.0.1, [::1] or localhost), "
                + "but it was asked to listen on " + string.Join(", ", wrong)
                + ". Listen on http://127.0.0.1:<port>, or set Bot:AppId, Bot:TenantId and a credential.");
        }
    }

    internal static bool IsLoopback(string url)
    {
        // "http://*:80" and "http://+:80" are not valid URIs, and not loopback either.
        if (!Uri.TryCreate(url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return ServiceUrlPolicy.IsLoopback(uri);
    }
}
