using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>A session's records on a real store: every type round-trips, a redelivery is recorded once, another instance's records are seen.</summary>
public sealed class SessionItemStoreTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 18, 30, 0, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;

    public SessionItemStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    public static TheoryData<string> Stores => new() { "file", "azurite" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Every_record_type_is_stored_and_read_back_as_it_was(string kind)
    {
        using var folder = new TempFolder();
        var store = NewStore(kind, folder);
        var items = Items(store);
        List<SessionItem> written =
        [
            new PitchRecord { Id = "a1~pitch", At = T0, AuthorKey = "29:lotte", AuthorName = "Lotte", Content = new PitchContent("leeft", "zoekt", null, "nieuwsgierig"), Visibility = PitchVisibility.FacilitatorsOnly, Source = PitchSource.Live },
            new AnswerRecord { Id = "a2~answer", At = T0.AddSeconds(1), AuthorKey = "29:jef", AuthorName = "Jef", PitchId = "a1~pitch", Kind = AnswerKind.Offer, Text = "ik help" },
            new NextStepRecord { Id = "a3~next-step", At = T0.AddSeconds(2), AuthorKey = "29:lotte", AuthorName = "Lotte", PitchId = "a1~pitch", Text = "bellen" },
            new NoteRecord { Id = "a4~note", At = T0.AddSeconds(3), AuthorKey = "29:fatima", AuthorName = "Fatima", Source = NoteSource.Forwarded, Tags = [NoteTag.Link], Text = "Repair", Links = ["https://repairgent.be"] },
            new NoteStrikeRecord { Id = "a5~note-strike", At = T0.AddSeconds(4), AuthorKey = "29:fatima", AuthorName = "Fatima", NoteId = "a4~note" },
        ];
        foreach (var item in written)
        {
            Assert.Equal(AppendResult.Appended, await items.AppendAsync("s1", item, CancellationToken.None));
        }

        // A fresh instance reads from storage only.
        var read = await Items(store).ReadAsync("s1", CancellationToken.None);
        Assert.Equal(written.Count, read.Items.Count);
        foreach (var (expected, actual) in written.Zip(read.Items))
        {
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(Canonical(expected), Canonical(actual));
        }

        Assert.True(Assert.Single(read.Notes).Struck);
        Assert.Equal("bellen", read.NextStepOf("a1~pitch")?.Text);
        var stored = Encoding.UTF8.GetString((await store.ReadAsync(SessionKeys.SessionItem("s1", "a2~answer"), CancellationToken.None))!.Content.Span);
        Assert.Contains("\"kind\":\"session-item\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"answer\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Offer\"", stored, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_redelivered_record_is_kept_once_and_the_first_one_stays(string kind)
    {
        using var folder = new TempFolder();
        var items = Items(NewStore(kind, folder));
        var first = Answer("act-7~answer", "eerste");
        Assert.Equal(AppendResult.Appended, await items.AppendAsync("s1", first, CancellationToken.None));
        Assert.Equal(AppendResult.AlreadyRecorded, await items.AppendAsync("s1", first with { Text = "tweede" }, CancellationToken.None));

        var answers = (await items.ReadAsync("s1", CancellationToken.None)).Items.OfType<AnswerRecord>().ToList();
        Assert.Equal("eerste", Assert.Single(answers).Text);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Records_written_by_another_instance_are_seen_and_sessions_do_not_mix(string kind)
    {
        using var folder = new TempFolder();
        var store = NewStore(kind, folder);
        var (one, two) = (Items(store), Items(store));
        await one.AppendAsync("s1", Answer("a1~answer", "van één"), CancellationToken.None);
        Assert.Single((await two.ReadAsync("s1", CancellationToken.None)).Items);

        await two.AppendAsync("s1", Answer("a2~answer", "van twee"), CancellationToken.None);
        await two.AppendAsync("s2", Answer("a3~answer", "andere sessie"), CancellationToken.None);
        var seen = await one.ReadAsync("s1", CancellationToken.None);
        Assert.Equal(["van één", "van twee"], seen.Items.OfType<AnswerRecord>().Select(a => a.Text));
    }

    [Fact]
    public async Task A_record_read_once_is_not_read_again()
    {
        using var folder = new TempFolder();
        var store = new CountingStore(new FileDocumentStore(folder.Path));
        var writer = Items(store);
        for (var i = 0; i < 20; i++)
        {
            await writer.AppendAsync("s1", Answer($"a{i}~answer", $"antwoord {i}"), CancellationToken.None);
        }

        var reader = Items(store);
        await reader.ReadAsync("s1", CancellationToken.None);
        var before = store.Calls;
        var again = await reader.ReadAsync("s1", CancellationToken.None);

        Assert.Equal(20, again.Items.Count);
        Assert.Equal(1, store.Calls - before); // the listing only
    }

    private IDocumentStore NewStore(string kind, TempFolder folder) =>
        kind == "file" ? new FileDocumentStore(folder.Path) : _azurite.NewStore();

    private static SessionItemStore Items(IDocumentStore store) =>
        new(StorageTestSupport.State(store), TimeProvider.System, NullLogger<SessionItemStore>.Instance);

    private static AnswerRecord Answer(string id, string text) =>
        new() { Id = id, At = T0, AuthorKey = "29:jef", AuthorName = "Jef", PitchId = "p1", Kind = AnswerKind.Tip, Text = text };

    /// <summary>The record as stored (so lists compare by content).</summary>
    private static string Canonical(SessionItem item) =>
        Encoding.UTF8.GetString(SessionItemDocuments.Kind.Serialize(item));
}
