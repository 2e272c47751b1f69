using System.Net;
using System.Text.Json.Nodes;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Protocol;

/// <summary>The protocol over real HTTP on loopback, with a connector that records the bot's calls.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private LoopbackConnector _connector = null!;
    private BotServer _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _bot = await BotServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_personal_message_gets_a_reply_in_the_same_conversation_with_from_and_recipient_swapped()
    {
        var activity = Activities.Message(_connector.ServiceUrl, "hallo", conversationId: "a:1:conv/with?odd#chars", id: "1700000000001");

        using var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal("/v3/conversations/a%3A1%3Aconv%2Fwith%3Fodd%23chars/activities/1700000000001", call.Path);
        Assert.Equal("a:1:conv/with?odd#chars", call.Body!["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("1700000000001", call.Body["replyToId"]!.GetValue<string>());
        Assert.Equal(Activities.BotId, call.Body["from"]!["id"]!.GetValue<string>());
        Assert.Equal("29:user-1", call.Body["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("message", call.Body["type"]!.GetValue<string>());
        Assert.Contains("Hallo An Peeters", call.Text, StringComparison.Ordinal);
        Assert.Equal("AdaptiveCard", call.Card!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_english_locale_gets_english()
    {
        using var response = await _bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hi", locale: "en-US"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
        Assert.StartsWith("Hello An Peeters", call.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mention_in_a_group_chat_gets_an_answer_there()
    {
        using var response = await _bot.PostActivityAsync(Activities.Mention(_connector.ServiceUrl, "hallo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
        Assert.Equal("19:group-1@thread.v2", call.ConversationId);
        Assert.Contains("An Peeters", call.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoke_gets_its_invoke_response_synchronously()
    {
        using var response = await _bot.PostActivityAsync(Activities.CardAction(_connector.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_verb_gets_a_card_error_not_a_crash()
    {
        using var response = await _bot.PostActivityAsync(Activities.CardAction(_connector.ServiceUrl, "no.such.verb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"type\":\"message\"}")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"ftp://x\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"}}")]
    [InlineData("{\"type\":42,\"serviceUrl\":\"http://127.0.0.1/\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"}}")]
    public async Task Malformed_input_gets_400_without_a_stack_trace(string body)
    {
        using var response = await _bot.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Contains("BadRequest", text, StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var activity = Activities.Message(_connector.ServiceUrl, new string('x', 300 * 1024));

        using var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_redelivered_activity_is_handled_once()
    {
        var activity = Activities.Message(_connector.ServiceUrl, "hallo", id: "1700000000002");

        using var first = await _bot.PostActivityAsync(activity);
        using var second = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await _connector.WaitForAsync(c => c.Method == "POST");
        await Task.Delay(200);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task Unknown_fields_are_accepted_and_ignored()
    {
        var activity = Activities.Message(_connector.ServiceUrl, "hallo");
        activity["someFutureField"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        ((JsonObject)activity["from"]!)["userRole"] = "user";

        using var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
    }
}
