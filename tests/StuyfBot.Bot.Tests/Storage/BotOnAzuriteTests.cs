using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Cards.Localization;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>The real bot host on Azurite: several instances, and storage going down during turns.</summary>
public sealed class BotOnAzuriteTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _azuriteData = new();
    private AzuriteServer _azurite = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync(new AzuriteSettings { Location = _azuriteData.Path });
        _connector = await LoopbackConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    public void Dispose() => _azuriteData.Dispose();

    [Fact]
    public async Task Two_bot_instances_on_one_storage_account_store_each_person_once()
    {
        await using var first = await StartBotAsync();
        await using var second = await StartBotAsync();

        // Every person's first message reaches both instances at the same moment (a redelivery
        // landing on another instance), and again.
        var posts = Enumerable.Range(0, 20).SelectMany(i => new[] { first, second, first, second }
            .Select(bot => bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo", conversationId: $"a:personal-{i}", fromId: $"29:user-{i}"))));
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var store = Store();
        var keys = await StorageTestSupport.AllKeysAsync(store, "people/");
        Assert.Equal(20, keys.Count);
        var conversations = new HashSet<string>();
        foreach (var key in keys)
        {
            var person = StuyfBot.Platform.Delivery.PersonRecord.Kind.Deserialize(key, (await store.ReadAsync(key, default))!.Content);
            conversations.Add(person.Reference.ConversationId);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"a:personal-{i}").ToHashSet(), conversations);
    }

    [Fact]
    public async Task With_storage_down_a_turn_says_try_again_in_the_users_language_and_the_bot_carries_on_after()
    {
        await using var bot = await StartBotAsync();
        var store = Store();
        await _azurite.StopAsync();

        using var dutch = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo", conversationId: "a:nl", fromId: "29:nl"));
        using var english = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hello", conversationId: "a:en", fromId: "29:en", locale: "en-GB"));
        using var invoke = await bot.PostActivityAsync(Activities.CardAction(_connector.ServiceUrl, "help", conversationId: "a:nl", fromId: "29:nl"));

        Assert.Equal(HttpStatusCode.OK, dutch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        var replies = await _connector.WaitForAsync(c => c.Method == "POST", count: 2);
        Assert.Equal(new Text(BotCulture.Flemish)["StorageTryAgain"], replies.Single(c => c.ConversationId == "a:nl").Text);
        Assert.Equal(new Text(BotCulture.English)["StorageTryAgain"], replies.Single(c => c.ConversationId == "a:en").Text);
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        var body = JsonNode.Parse(await invoke.Content.ReadAsStringAsync())!;
        Assert.Equal(503, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal(new Text(BotCulture.Flemish)["StorageTryAgain"], body["value"]!["message"]!.GetValue<string>());

        await _azurite.RestartAsync();
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, "people/"));
        _connector.Clear();
        using var again = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo", conversationId: "a:nl", fromId: "29:nl", fromName: "An"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var greeting = Assert.Single(await _connector.WaitForAsync(c => c.Method == "POST"));
        Assert.StartsWith("Hallo An", greeting.Text, StringComparison.Ordinal);
        Assert.Single(await StorageTestSupport.AllKeysAsync(store, "people/"));
    }

    [Fact]
    public async Task With_storage_down_and_the_connector_failing_too_a_message_still_gets_200()
    {
        await using var bot = await StartBotAsync();
        await _azurite.StopAsync();
        _connector.FailNext(400, times: 10);

        using var response = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo", conversationId: "a:x", fromId: "29:x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_connector.Calls, c => c.Method == "POST" && c.ConversationId == "a:x");
    }

    private Task<BotServer> StartBotAsync() => BotServer.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = _azurite.ConnectionString,
        ["Storage:Container"] = "stuyfbot",
    });

    private BlobDocumentStore Store() =>
        BlobDocumentStore.WithConnectionString(_azurite.ConnectionString, "stuyfbot", NullLogger<BlobDocumentStore>.Instance);
}
