using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>Mints compact JWTs the way the Bot Framework and Entra shape them, and forged ones.</summary>
public static class TestTokens
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public static JsonObject ServiceClaims(string appId, Uri serviceUrl, DateTimeOffset now) => new()
    {
        ["serviceurl"] = serviceUrl.ToString(),
        ["nbf"] = Seconds(now.AddMinutes(-1)),
        ["exp"] = Seconds(now.AddHours(1)),
        ["iss"] = BotFrameworkIssuer,
        ["aud"] = appId,
    };

    /// <summary>An Entra app token; the caller (azp in v2, appid in v1) is the bot itself unless given.</summary>
    public static JsonObject EntraClaims(string appId, string tenantId, DateTimeOffset now, bool v1 = false, string? caller = null) => new()
    {
        ["aud"] = v1 ? "api://" + appId : appId,
        ["iss"] = v1 ? $"https://sts.windows.net/{tenantId}/" : $"https://login.microsoftonline.com/{tenantId}/v2.0",
        ["iat"] = Seconds(now.AddMinutes(-1)),
        ["nbf"] = Seconds(now.AddMinutes(-1)),
        ["exp"] = Seconds(now.AddHours(1)),
        [v1 ? "appid" : "azp"] = caller ?? appId,
        ["tid"] = tenantId,
        ["ver"] = v1 ? "1.0" : "2.0",
    };

    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    /// <summary>An RS256 token signed with <paramref name="key"/>; the kid defaults to the key's.</summary>
    public static string Sign(TestSigningKey key, JsonObject claims, string? keyId = null)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId ?? key.KeyId, ["typ"] = "JWT" };
        return Encode(header, claims, input => key.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Signed with <paramref name="key"/> (RS256), under any header, to test what a header may claim.</summary>
    public static string SignUnder(JsonObject header, TestSigningKey key, JsonObject claims) =>
        Encode(header, claims, input => key.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>header.payload.signature with any header and any signing function (or none).</summary>
    public static string Encode(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var signingInput = Part(header.ToJsonString()) + "." + Part(claims.ToJsonString());
        return signingInput + "." + Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The classic confusion attack: HS256 keyed with the issuer's public key (PEM), which anyone has.</summary>
    public static string SignHs256WithPublicKey(TestSigningKey key, JsonObject claims)
    {
        var secret = Encoding.ASCII.GetBytes(key.Rsa.ExportSubjectPublicKeyInfoPem());
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = key.KeyId, ["typ"] = "JWT" };
        return Encode(header, claims, input => HMACSHA256.HashData(secret, input));
    }

    /// <summary>The token with its payload replaced and the original signature kept.</summary>
    public static string ReplacePayload(string token, JsonObject claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Part(claims.ToJsonString()) + "." + parts[2];
    }

    public static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
