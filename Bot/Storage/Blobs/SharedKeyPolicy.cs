using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace StuyfBot.Bot.Storage.Blobs;

/// <summary>
/// Signs each request (each retry again, with a fresh x-ms-date) with the storage account key:
/// the Blob service's SharedKey scheme. The canonicalized resource is "/account" + the URL path,
/// so a path-style URL (Azurite: /devstoreaccount1/container/blob) names the account twice.
/// </summary>
public sealed class SharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _accountName;
    private readonly byte[] _accountKey;
    private readonly TimeProvider _time;

    public SharedKeyPolicy(string accountName, byte[] accountKey, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentNullException.ThrowIfNull(accountKey);
        _accountName = accountName;
        _accountKey = accountKey;
        _time = time ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_accountKey, Encoding.UTF8.GetBytes(StringToSign(request, _accountName))));
        request.Headers.SetValue("Authorization", $"SharedKey {_accountName}:{signature}");
    }

    /// <summary>The string the Blob service signs (service version 2015-02-21 and later).</summary>
    internal static string StringToSign(Request request, string accountName)
    {
        var length = request.Content is not null && request.Content.TryComputeLength(out var contentLength) && contentLength > 0
            ? contentLength.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var text = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(length).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(string.Empty).Append('\n') // Date: x-ms-date is used instead.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            text.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        text.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var parameter in QueryParameters(uri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', parameter.Value.Order(StringComparer.Ordinal)));
        }

        return text.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static Dictionary<string, List<string>> QueryParameters(string query)
    {
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(value);
        }

        return parameters;
    }
}
