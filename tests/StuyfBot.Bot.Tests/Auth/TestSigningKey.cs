using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>An RSA key pair minted for a test, published by <see cref="TestIssuer"/> as a JWK.</summary>
public sealed class TestSigningKey : IDisposable
{
    public TestSigningKey(string keyId, int bits = 2048)
    {
        KeyId = keyId;
        Rsa = RSA.Create(bits);
    }

    public string KeyId { get; }

    public RSA Rsa { get; }

    /// <summary>The public key as a JWK: n/e, or only an x5c certificate, with Bot Framework endorsements.</summary>
    public JsonObject ToJwk(IEnumerable<string>? endorsements = null, bool certificateOnly = false)
    {
        var jwk = new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId };
        if (certificateOnly)
        {
            var request = new CertificateRequest("CN=" + KeyId, Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            jwk["x5c"] = new JsonArray(Convert.ToBase64String(certificate.Export(X509ContentType.Cert)));
        }
        else
        {
            var parameters = Rsa.ExportParameters(includePrivateParameters: false);
            jwk["n"] = Base64Url.EncodeToString(parameters.Modulus);
            jwk["e"] = Base64Url.EncodeToString(parameters.Exponent);
        }

        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
        }

        return jwk;
    }

    public void Dispose() => Rsa.Dispose();
}
