using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StuyfBot.Bot.Api.Auth;

/// <summary>
/// A compact JWS (header.payload.signature) read strictly: three base64url parts without
/// padding, JSON objects without duplicate names, <c>alg</c> exactly RS256 and a <c>kid</c>.
/// Reading proves nothing: the signature and the claims are checked by <see cref="TokenValidator"/>.
/// </summary>
public sealed class JsonWebToken
{
    /// <summary>The only algorithm accepted: "none", HS256 and the rest are refused while reading.</summary>
    public const string Rs256 = "RS256";

    /// <summary>Real channel and Entra tokens are a few kilobytes; anything far larger is not one.</summary>
    public const int MaxLength = 16 * 1024;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    private JsonWebToken(string kid, JsonElement payload, byte[] signingInput, byte[] signature)
    {
        KeyId = kid;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The <c>kid</c> header: which key of the issuer signed the token.</summary>
    public string KeyId { get; }

    /// <summary>The claims (a JSON object).</summary>
    public JsonElement Payload { get; }

    /// <summary>The ASCII bytes of "header.payload", exactly as received: what the signature covers.</summary>
    public ReadOnlyMemory<byte> SigningInput { get; }

    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The <c>iss</c> claim, or null when absent or not a string.</summary>
    public string? Issuer => GetString("iss");

    /// <summary>A string claim, or null when absent or not a string.</summary>
    public string? GetString(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A NumericDate claim (seconds since 1970), or null when absent or not a number.</summary>
    public DateTimeOffset? GetTime(string name)
    {
        if (!Payload.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetDouble(out var seconds) || double.IsNaN(seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        return DateTimeOffset.UnixEpoch.AddSeconds(seconds);
    }

    /// <summary>The <c>aud</c> claim: one string or an array of strings (RFC 7519).</summary>
    public IReadOnlyList<string> Audiences
    {
        get
        {
            if (!Payload.TryGetProperty("aud", out var aud))
            {
                return [];
            }

            if (aud.ValueKind == JsonValueKind.String)
            {
                return [aud.GetString()!];
            }

            return aud.ValueKind == JsonValueKind.Array
                ? [.. aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
                : [];
        }
    }

    /// <summary>Reads a compact token; on failure says why (never repeating the token).</summary>
    public static bool TryRead(string? compact, [NotNullWhen(true)] out JsonWebToken? token, [NotNullWhen(false)] out string? failure)
    {
        token = null;
        if (string.IsNullOrEmpty(compact))
        {
            failure = "the token is empty";
            return false;
        }

        if (compact.Length > MaxLength)
        {
            failure = $"the token is longer than {MaxLength} characters";
            return false;
        }

        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            failure = $"the token has {parts.Length} parts, not 3";
            return false;
        }

        if (!TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) || !TryDecode(parts[2], out var signature))
        {
            failure = "a token part is not base64url";
            return false;
        }

        if (!TryParseObject(headerBytes, out var header) || !TryParseObject(payloadBytes, out var payload))
        {
            failure = "the token header or payload is not a JSON object";
            return false;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != Rs256)
        {
            failure = $"the token algorithm {Describe(header, "alg")} is not {Rs256}";
            return false;
        }

        // RFC 7515 4.1.11: extensions marked critical must be understood; this reader knows none.
        if (header.TryGetProperty("crit", out _))
        {
            failure = "the token has critical header extensions";
            return false;
        }

        if (!header.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(kid.GetString()))
        {
            failure = "the token has no kid";
            return false;
        }

        if (signature.Length == 0)
        {
            failure = "the token has no signature";
            return false;
        }

        var signingInput = Encoding.ASCII.GetBytes(compact, 0, parts[0].Length + 1 + parts[1].Length);
        token = new JsonWebToken(kid.GetString()!, payload, signingInput, signature);
        failure = null;
        return true;
    }

    /// <summary>Base64url as RFC 7515 uses it: the URL-safe alphabet only, no padding, no whitespace.</summary>
    internal static bool TryDecode(string part, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (part.Length % 4 == 1 || part.AsSpan().ContainsAnyExcept(Base64UrlAlphabet))
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        try
        {
            if (!Base64Url.TryDecodeFromChars(part, buffer, out var written))
            {
                return false;
            }

            bytes = written == buffer.Length ? buffer : buffer[..written];
            return true;
        }
        catch (FormatException)
        {
            // Thrown, not returned, for unused trailing bits that are not zero (a non-canonical encoding).
            return false;
        }
    }

    private static bool TryParseObject(byte[] json, out JsonElement element)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(json, StrictJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A header value for a failure reason: short, so a hostile token cannot flood the log.</summary>
    private static string Describe(JsonElement header, string name)
    {
        if (!header.TryGetProperty(name, out var value))
        {
            return "(missing)";
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return "'" + (text.Length > 32 ? text[..32] + "..." : text) + "'";
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"JWT(kid={KeyId}, iss={Issuer})");
}
