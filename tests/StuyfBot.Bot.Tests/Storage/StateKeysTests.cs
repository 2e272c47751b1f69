using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Storage;

public sealed class StateKeysTests
{
    private static readonly KeyedHash Hash = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void The_layout_is_the_one_of_the_architecture()
    {
        var heldOn = new DateTimeOffset(2026, 3, 5, 23, 30, 0, TimeSpan.FromHours(-2));

        Assert.Equal("sessions/s-1/head.json", SessionKeys.SessionHead("s-1"));
        Assert.Equal("sessions/s-1/items/1700000000001.json", SessionKeys.SessionItem("s-1", StateKeys.ItemId("1700000000001")));
        Assert.Equal("sessions/s-1/items/", SessionKeys.SessionItems("s-1"));
        Assert.Equal("summaries/2026/03/s-1.json", SummaryKeys.Summary("s-1", heldOn, SummaryFormat.Json));
        Assert.Equal("summaries/2026/03/s-1.md", SummaryKeys.Summary("s-1", heldOn, SummaryFormat.Markdown));
        Assert.Equal("summaries/2026/03/s-1.html", SummaryKeys.Summary("s-1", heldOn, SummaryFormat.Html));
        Assert.Equal("reminders/2026-03-06/013000-r1.json", StateKeys.Reminder(heldOn, "r1"));
        Assert.Equal("reminders/2026-03-06/", StateKeys.RemindersDueOn(new DateOnly(2026, 3, 6)));
        Assert.True(DocumentKey.IsValid(StateKeys.HashSecret));
    }

    [Fact]
    public void Reminder_keys_sort_in_due_time_order()
    {
        var start = new DateTimeOffset(2026, 12, 31, 23, 59, 58, TimeSpan.Zero);
        var keys = Enumerable.Range(0, 5).Select(i => StateKeys.Reminder(start.AddSeconds(i * 7), $"r{5 - i}")).ToList();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_person_key_holds_no_id_name_or_address_and_is_stable()
    {
        const string userId = "29:1AbCdEfGhIjKlMnOpQrStUvWxYz-an.peeters@example.be";
        const string tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

        var key = StateKeys.Person(Hash, tenantId, userId);

        Assert.Matches("^people/[0-9a-f]{32}/[0-9a-f]{32}\\.json$", key);
        Assert.DoesNotContain("1AbCdEf", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(tenantId, key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("peeters", key, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(key, StateKeys.Person(Hash, tenantId, userId));
        Assert.NotEqual(key, StateKeys.Person(Hash, "other-tenant", userId));
        Assert.NotEqual(key, StateKeys.Person(new KeyedHash(new byte[32]), tenantId, userId));
        Assert.StartsWith(StateKeys.People(Hash, tenantId), key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1700000000001", "1700000000001")]
    [InlineData("f:8f4b2c0e-aaaa", null)]
    [InlineData("~looks-hashed", null)]
    [InlineData("a b", null)]
    public void Activity_ids_become_safe_item_ids(string activityId, string? expected)
    {
        var id = StateKeys.ItemId(activityId);

        Assert.True(DocumentKey.IsValidSegment(id));
        if (expected is null)
        {
            Assert.Matches("^~[0-9a-f]{32}$", id);
        }
        else
        {
            Assert.Equal(expected, id);
        }

        Assert.Equal(id, StateKeys.ItemId(activityId));
        Assert.Equal(id + "~pitch", StateKeys.ItemId(activityId, "pitch"));
    }

    [Fact]
    public void Unsafe_session_ids_are_refused_rather_than_written()
    {
        Assert.Throws<ArgumentException>(() => SessionKeys.SessionHead("19:abc@thread.v2"));
        Assert.Throws<ArgumentException>(() => SessionKeys.SessionHead("../x"));
        Assert.Throws<ArgumentException>(() => StateKeys.ItemId("1", "Bad Part"));
    }

    [Fact]
    public async Task Instances_starting_together_on_one_store_agree_on_one_secret_and_keep_it()
    {
        using var folder = new TempFolder();
        using var store = new FileDocumentStore(folder.Path);
        var time = TimeProvider.System;
        var providers = Enumerable.Range(0, 8).Select(_ => new KeyedHashProvider(StorageTestSupport.State(store), time)).ToList();

        var hashes = await Task.WhenAll(providers.Select(p => Task.Run(async () => await p.GetAsync(default))));
        var afterRestart = await new KeyedHashProvider(StorageTestSupport.State(store), time).GetAsync(default);

        Assert.Single(hashes.Select(h => h.Of("29:user")).Distinct());
        Assert.Equal(hashes[0].Of("29:user"), afterRestart.Of("29:user"));
        Assert.NotNull(await store.ReadAsync(StateKeys.HashSecret, default));

        using var otherFolder = new TempFolder();
        using var otherStore = new FileDocumentStore(otherFolder.Path);
        var other = await new KeyedHashProvider(StorageTestSupport.State(otherStore), time).GetAsync(default);
        Assert.NotEqual(hashes[0].Of("29:user"), other.Of("29:user"));
    }
}
