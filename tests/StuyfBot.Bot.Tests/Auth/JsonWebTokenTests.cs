using System.Text.Json.Nodes;
using StuyfBot.Bot.Api.Auth;

namespace StuyfBot.Bot.Tests.Auth;

/// <summary>The strict reader: only well-formed RS256 compact tokens with a kid get through.</summary>
public sealed class JsonWebTokenTests
{
    private static readonly JsonObject Claims = new()
    {
        ["iss"] = "https://api.botframework.com",
        ["aud"] = "app",
        ["exp"] = 1_900_000_000,
    };

    [Fact]
    public void A_well_formed_token_is_read_with_its_signing_input_exactly_as_sent()
    {
        var compact = Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1", ["typ"] = "JWT" }, Claims, "c2ln");

        Assert.True(JsonWebToken.TryRead(compact, out var token, out var failure), failure);

        Assert.Equal("k1", token.KeyId);
        Assert.Equal("https://api.botframework.com", token.Issuer);
        Assert.Equal(["app"], token.Audiences);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), token.GetTime("exp"));
        Assert.Equal(compact[..compact.LastIndexOf('.')], System.Text.Encoding.ASCII.GetString(token.SigningInput.Span));
        Assert.Equal("sig"u8.ToArray(), token.Signature.ToArray());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    [InlineData("RS256 ")]
    [InlineData("")]
    public void Every_algorithm_but_RS256_is_refused(string alg)
    {
        var compact = Token(new JsonObject { ["alg"] = alg, ["kid"] = "k1" }, Claims, "c2ln");

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains("is not RS256", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kid\":\"k1\"}", "is not RS256")]
    [InlineData("{\"alg\":256,\"kid\":\"k1\"}", "is not RS256")]
    [InlineData("{\"alg\":\"RS256\"}", "no kid")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"\"}", "no kid")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":7}", "no kid")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",\"crit\":[\"exp\"]}", "critical")]
    [InlineData("{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"k1\"}", "not a JSON object")]
    [InlineData("[\"RS256\"]", "not a JSON object")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"k1\",}", "not a JSON object")]
    [InlineData("{\"alg\":\"RS256\",/*x*/\"kid\":\"k1\"}", "not a JSON object")]
    public void A_header_that_is_not_a_plain_RS256_header_with_a_kid_is_refused(string header, string reason)
    {
        var compact = TestTokens.Part(header) + "." + TestTokens.Part(Claims.ToJsonString()) + ".c2ln";

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_with_a_claim_twice_is_refused_so_no_two_readers_can_disagree_on_it()
    {
        var header = TestTokens.Part("{\"alg\":\"RS256\",\"kid\":\"k1\"}");
        var payload = TestTokens.Part("{\"aud\":\"someone-else\",\"aud\":\"app\",\"exp\":1900000000}");

        Assert.False(JsonWebToken.TryRead(header + "." + payload + ".c2ln", out _, out var failure));
        Assert.Contains("not a JSON object", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "1 parts")]
    [InlineData("a.b", "2 parts")]
    [InlineData("a.b.c.d", "4 parts")]
    [InlineData("a.b.c.d.e", "5 parts")]
    public void A_token_without_exactly_three_parts_is_refused(string compact, string reason)
    {
        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=")]
    [InlineData("==")]
    [InlineData("+")]
    [InlineData("/")]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("%")]
    [InlineData("é")]
    public void A_signature_outside_the_base64url_alphabet_is_refused(string extra)
    {
        var compact = Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1" }, Claims, "c2ln" + extra);

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains("not base64url", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("c2lnc")]
    [InlineData("c2")]
    [InlineData("c2l")]
    public void A_part_with_an_impossible_length_or_stray_trailing_bits_is_refused(string signature)
    {
        var compact = Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1" }, Claims, signature);

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains("not base64url", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cw")]
    [InlineData("c2k")]
    [InlineData("c2ln")]
    [InlineData("c2lnbg")]
    public void Unpadded_parts_of_every_valid_length_are_read(string signature)
    {
        var compact = Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1" }, Claims, signature);

        Assert.True(JsonWebToken.TryRead(compact, out var token, out var failure), failure);
        Assert.NotEqual(0, token.Signature.Length);
    }

    [Fact]
    public void An_empty_signature_is_refused()
    {
        var compact = Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1" }, Claims, string.Empty);

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains("no signature", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_token_is_refused_before_it_is_decoded()
    {
        var compact = Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1" }, Claims, new string('A', JsonWebToken.MaxLength));

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.Contains("longer than", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_of_the_wrong_type_read_as_absent()
    {
        var claims = new JsonObject { ["iss"] = 5, ["aud"] = new JsonArray("a", 3, "b"), ["exp"] = "1900000000", ["nbf"] = -1 };
        Assert.True(JsonWebToken.TryRead(Token(new JsonObject { ["alg"] = "RS256", ["kid"] = "k1" }, claims, "c2ln"), out var token, out var failure), failure);

        Assert.Null(token.Issuer);
        Assert.Equal(["a", "b"], token.Audiences);
        Assert.Null(token.GetTime("exp"));
        Assert.Null(token.GetTime("nbf"));
    }

    [Fact]
    public void A_failure_reason_quotes_a_hostile_alg_only_briefly()
    {
        var compact = Token(new JsonObject { ["alg"] = new string('x', 5000), ["kid"] = "k1" }, Claims, "c2ln");

        Assert.False(JsonWebToken.TryRead(compact, out _, out var failure));
        Assert.True(failure.Length < 100, failure);
    }

    private static string Token(JsonObject header, JsonObject claims, string signature) =>
        TestTokens.Part(header.ToJsonString()) + "." + TestTokens.Part(claims.ToJsonString()) + "." + signature;
}
