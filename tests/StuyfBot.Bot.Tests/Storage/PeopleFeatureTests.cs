using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>The bot remembers each person's 1:1 conversation on first contact, through the real host.</summary>
public sealed class PeopleFeatureTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _data = new();
    private LoopbackConnector _connector = null!;
    private FileDocumentStore _files = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _files = new FileDocumentStore(_data.Path);
    }

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_first_personal_message_stores_the_conversation_reference_under_hashed_names()
    {
        await using var bot = await StartBotAsync();

        using var response = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo", fromId: "29:user-1", fromName: "An Peeters"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _connector.WaitForAsync(c => c.Method == "POST");
        var key = Assert.Single(await StorageTestSupport.AllKeysAsync(_files, "people/"));
        Assert.Matches("^people/[0-9a-f]{32}/[0-9a-f]{32}\\.json$", key);
        foreach (var personal in new[] { "user-1", Activities.TenantId, "Peeters", "aad-" })
        {
            Assert.DoesNotContain(personal, key, StringComparison.OrdinalIgnoreCase);
        }

        var json = JsonNode.Parse(Encoding.UTF8.GetString((await _files.ReadAsync(key, default))!.Content.Span))!;
        Assert.Equal(1, json["schemaVersion"]!.GetValue<int>());
        Assert.Equal("person", json["kind"]!.GetValue<string>());
        var reference = json["data"]!["reference"]!;
        Assert.Equal("a:personal-1", reference["conversationId"]!.GetValue<string>());
        Assert.Equal(_connector.ServiceUrl.ToString(), reference["serviceUrl"]!.GetValue<string>());
        Assert.Equal("29:user-1", reference["user"]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.BotId, reference["bot"]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.TenantId, reference["tenantId"]!.GetValue<string>());

        var found = await bot.Services.GetRequiredService<PeopleDirectory>().FindAsync(Activities.TenantId, "29:user-1", default);
        Assert.Equal("a:personal-1", found!.Reference.ConversationId);
    }

    [Fact]
    public async Task Later_turns_and_group_chats_do_not_touch_storage()
    {
        var counting = new CountingStore(_files);
        await using var bot = await StartBotAsync(counting);
        using (await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo")))
        {
        }

        var afterFirst = counting.Calls;
        for (var i = 0; i < 20; i++)
        {
            using var response = await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "nog eens"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var group = await bot.PostActivityAsync(Activities.Mention(_connector.ServiceUrl, "hallo", fromId: "29:user-2")))
        {
            Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        }

        Assert.True(afterFirst >= 2, $"The first contact reads and writes ({afterFirst} calls).");
        Assert.Equal(afterFirst, counting.Calls);
        Assert.Single(await StorageTestSupport.AllKeysAsync(_files, "people/"));
    }

    [Fact]
    public async Task After_a_restart_a_known_person_is_not_written_again_but_a_new_locale_is_kept()
    {
        await using var bot = await StartBotAsync();
        using (await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo")))
        {
        }

        var key = Assert.Single(await StorageTestSupport.AllKeysAsync(_files, "people/"));
        var first = (await _files.ReadAsync(key, default))!;

        await bot.RestartAsync();
        using (await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hallo")))
        {
        }

        Assert.Equal(first.ETag, (await _files.ReadAsync(key, default))!.ETag);

        using (await bot.PostActivityAsync(Activities.Message(_connector.ServiceUrl, "hello", locale: "en-US")))
        {
        }

        var changed = JsonNode.Parse(Encoding.UTF8.GetString((await _files.ReadAsync(key, default))!.Content.Span))!["data"]!;
        Assert.Equal("en-US", changed["reference"]!["locale"]!.GetValue<string>());
        Assert.True(changed["changed"]!.GetValue<DateTimeOffset>() > changed["firstSeen"]!.GetValue<DateTimeOffset>());
        Assert.Single(await StorageTestSupport.AllKeysAsync(_files, "people/"));
    }

    [Fact]
    public async Task A_card_action_in_a_personal_chat_is_a_first_contact_too()
    {
        await using var bot = await StartBotAsync();

        using var response = await bot.PostActivityAsync(Activities.CardAction(_connector.ServiceUrl, "help", fromId: "29:user-9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = await bot.Services.GetRequiredService<PeopleDirectory>().FindAsync(Activities.TenantId, "29:user-9", default);
        Assert.NotNull(found);
    }

    private Task<BotServer> StartBotAsync(IDocumentStore? store = null) =>
        BotServer.StartAsync(
            new Dictionary<string, string?> { ["Storage:DataPath"] = _data.Path },
            store is null ? null : builder => builder.Services.AddSingleton(store));
}
