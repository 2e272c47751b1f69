namespace StuyfBot.Bot.Storage.Blobs;

/// <summary>
/// The parts of an Azure Storage connection string the blob store needs: the blob endpoint, the
/// account name and its key. Error messages never repeat the string (it holds the key).
/// </summary>
public sealed record StorageConnectionString(Uri BlobEndpoint, string AccountName, byte[] AccountKey)
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static Uri DevelopmentBlobEndpoint { get; } = new("http://127.0.0.1:10000/devstoreaccount1");

    /// <summary>Parses a connection string; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("every part must look like Name=value, separated by ';'.");
            }

            // A base64 key ends in '=': only the first '=' separates name and value.
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            return new StorageConnectionString(
                DevelopmentBlobEndpoint,
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey));
        }

        if (parts.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("SAS connection strings are not supported; use an account key, or Storage:AccountUrl with a managed identity.");
        }

        if (!parts.TryGetValue("AccountName", out var account) || account.Length == 0)
        {
            throw new FormatException("AccountName is missing.");
        }

        if (!parts.TryGetValue("AccountKey", out var keyText) || keyText.Length == 0)
        {
            throw new FormatException("AccountKey is missing (or use Storage:AccountUrl with a managed identity instead).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            throw new FormatException("AccountKey is not valid base64.");
        }

        Uri endpoint;
        if (parts.TryGetValue("BlobEndpoint", out var blobEndpoint) && blobEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(blobEndpoint, UriKind.Absolute, out endpoint!) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                throw new FormatException("BlobEndpoint is not an absolute http(s) URL.");
            }
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
            if (protocol is not ("https" or "http"))
            {
                throw new FormatException("DefaultEndpointsProtocol must be https or http.");
            }

            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            if (!Uri.TryCreate($"{protocol}://{account}.blob.{suffix}", UriKind.Absolute, out endpoint!))
            {
                throw new FormatException("AccountName and EndpointSuffix do not make a valid blob endpoint.");
            }
        }

        return new StorageConnectionString(endpoint, account, key);
    }
}
