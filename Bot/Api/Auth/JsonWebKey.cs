using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace StuyfBot.Bot.Api.Auth;

/// <summary>
/// One RSA signing key of an issuer's JWKS, with the Bot Framework's <c>endorsements</c>: the
/// channels (such as "msteams") the key may sign tokens for.
/// </summary>
public sealed class JsonWebKey
{
    /// <summary>Keys shorter than this are ignored: nobody should sign with them any more.</summary>
    public const int MinimumKeySizeInBits = 2048;

    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    private readonly RSAParameters _publicKey;

    public JsonWebKey(string keyId, RSAParameters publicKey, IReadOnlyList<string> endorsements)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(endorsements);
        KeyId = keyId;
        _publicKey = new RSAParameters { Modulus = publicKey.Modulus, Exponent = publicKey.Exponent };
        Endorsements = endorsements;
    }

    public string KeyId { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public bool IsEndorsedFor(string channelId) => Endorsements.Contains(channelId, StringComparer.Ordinal);

    /// <summary>RS256: RSASSA-PKCS1-v1_5 with SHA-256 over the token's "header.payload".</summary>
    public bool VerifySignature(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var rsa = RSA.Create(_publicKey);
        try
        {
            return rsa.VerifyData(token.SigningInput.Span, token.Signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// The usable RSA signing keys of a JWKS document (RFC 7517). A key needs a kid and either
    /// n/e or an x5c certificate; keys for encryption, of other types, too short or with a kid
    /// seen before are left out and counted in <paramref name="skipped"/>.
    /// </summary>
    public static IReadOnlyList<JsonWebKey> ReadKeySet(ReadOnlySpan<byte> json, out int skipped)
    {
        using var document = JsonDocument.Parse(json.ToArray(), StrictJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A JWKS document is an object with a \"keys\" array.");
        }

        var result = new List<JsonWebKey>();
        skipped = 0;
        foreach (var element in keys.EnumerateArray())
        {
            if (TryRead(element) is { } key && !result.Exists(k => k.KeyId == key.KeyId))
            {
                result.Add(key);
            }
            else
            {
                skipped++;
            }
        }

        return result;
    }

    private static JsonWebKey? TryRead(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || String(element, "kty") != "RSA"
            || (element.TryGetProperty("use", out _) && String(element, "use") != "sig")
            || String(element, "kid") is not { Length: > 0 } kid)
        {
            return null;
        }

        RSAParameters? publicKey = String(element, "n") is { } n && String(element, "e") is { } e
            ? FromModulusAndExponent(n, e)
            : FromCertificate(element);
        if (publicKey is not { Modulus: { } modulus } parameters || modulus.Length * 8 < MinimumKeySizeInBits)
        {
            return null;
        }

        var endorsements = element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
        return new JsonWebKey(kid, parameters, endorsements);
    }

    private static RSAParameters? FromModulusAndExponent(string n, string e)
    {
        if (!JsonWebToken.TryDecode(n, out var modulus) || !JsonWebToken.TryDecode(e, out var exponent) || exponent.Length == 0)
        {
            return null;
        }

        // An unsigned big-endian integer may arrive with a leading zero byte; the size counts without it.
        var start = Array.FindIndex(modulus, b => b != 0);
        return start < 0 ? null : new RSAParameters { Modulus = modulus[start..], Exponent = exponent };
    }

    /// <summary>The first x5c entry (standard base64 DER) is the key's own certificate (RFC 7517 4.7).</summary>
    private static RSAParameters? FromCertificate(JsonElement element)
    {
        if (!element.TryGetProperty("x5c", out var chain) || chain.ValueKind != JsonValueKind.Array
            || chain.GetArrayLength() == 0 || chain[0].ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(chain[0].GetString()!));
            using var rsa = certificate.GetRSAPublicKey();
            return rsa?.ExportParameters(includePrivateParameters: false);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
