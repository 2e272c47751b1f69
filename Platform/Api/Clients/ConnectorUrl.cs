using System.Runtime.CompilerServices;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>Connector URLs: the conversation's serviceUrl (with or without a trailing slash) plus an encoded path.</summary>
internal static class ConnectorUrl
{
    public static Uri Build(string serviceUrl, string path)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var root)
            || (root.Scheme != Uri.UriSchemeHttps && root.Scheme != Uri.UriSchemeHttp)
            || root.Query.Length > 0
            || root.Fragment.Length > 0
            || root.UserInfo.Length > 0)
        {
            throw new ArgumentException("The serviceUrl must be an absolute http(s) URL without credentials, query or fragment.", nameof(serviceUrl));
        }

        return new Uri(root.AbsoluteUri.TrimEnd('/') + "/" + path, UriKind.Absolute);
    }

    /// <summary>One path segment: every character outside A-Z a-z 0-9 - . _ ~ percent-encoded.</summary>
    public static string Segment(string id, [CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);

        // "." and ".." would be read as relative path steps, not as ids.
        if (id is "." or "..")
        {
            throw new ArgumentException("An id cannot be '.' or '..'.", name);
        }

        return Uri.EscapeDataString(id);
    }
}
