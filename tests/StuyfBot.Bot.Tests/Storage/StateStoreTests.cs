using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Storage;

public sealed record Head(string Status, int Round);

public sealed record Note(string Text);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Head))]
[JsonSerializable(typeof(Note))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>The typed state layer: the envelope, load-decide-commit, and append by activity id.</summary>
public sealed class StateStoreTests : IDisposable
{
    private static readonly DocumentKind<Head> HeadKind = new("test-head", 2, TestJsonContext.Default.Head);
    private static readonly DocumentKind<Note> NoteKind = new("test-note", 1, TestJsonContext.Default.Note);

    private readonly TempFolder _folder = new();
    private readonly FileDocumentStore _store;
    private readonly StateStore _state;

    public StateStoreTests()
    {
        _store = new FileDocumentStore(_folder.Path);
        _state = StorageTestSupport.State(_store, maxAttempts: 4);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_document_seen_before_is_reused_while_its_etag_stands_and_read_afresh_once_it_changed()
    {
        const string Key = "sessions/s1/head.json";
        await _state.TryCreateAsync(Key, HeadKind, new Head("open", 1), default);
        var seen = await _state.ReadAsync(Key, HeadKind, default);

        Assert.Same(seen, await _state.ReadAsync(Key, HeadKind, seen, default));

        var committed = await _state.UpdateAsync(Key, HeadKind, head => (head! with { Round = 2 }, 0), seen, default);
        var written = new Versioned<Head>(committed.State!, committed.ETag!);
        Assert.Same(written, await _state.ReadAsync(Key, HeadKind, written, default));

        // Another writer: the ETag moved on, so the stored document is read as it is now.
        await _state.UpdateAsync(Key, HeadKind, head => (head! with { Round = 7 }, 0), default);
        Assert.Equal(new Head("open", 7), (await _state.ReadAsync(Key, HeadKind, written, default))!.Value);
        var decided = await _state.UpdateAsync(Key, HeadKind, head => (head! with { Round = head.Round + 1 }, head.Round), written, default);
        Assert.Equal((7, new Head("open", 8)), (decided.Result, decided.State));
    }

    [Fact]
    public async Task Every_document_is_stored_with_its_schema_version_and_kind()
    {
        await _state.TryCreateAsync("sessions/s1/head.json", HeadKind, new Head("open", 1), default);

        var json = JsonNode.Parse(Encoding.UTF8.GetString((await _store.ReadAsync("sessions/s1/head.json", default))!.Content.Span))!;

        Assert.Equal(2, json["schemaVersion"]!.GetValue<int>());
        Assert.Equal("test-head", json["kind"]!.GetValue<string>());
        Assert.Equal("open", json["data"]!["status"]!.GetValue<string>());
        Assert.Equal(1, json["data"]!["round"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_older_schema_version_is_read_and_a_newer_one_is_refused_and_left_alone()
    {
        await _store.CreateAsync("sessions/old/head.json", """{"schemaVersion":1,"kind":"test-head","data":{"status":"open"}}"""u8.ToArray(), default);
        var newer = """{"schemaVersion":3,"kind":"test-head","data":{"status":"open","round":1,"extra":true}}"""u8.ToArray();
        await _store.CreateAsync("sessions/new/head.json", newer, default);

        var old = await _state.ReadAsync("sessions/old/head.json", HeadKind, default);
        var error = await Assert.ThrowsAsync<StoredDocumentException>(() =>
            _state.UpdateAsync("sessions/new/head.json", HeadKind, head => (head! with { Round = 9 }, 0), default));

        Assert.Equal(new Head("open", 0), old!.Value);
        Assert.Contains("schema version 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(newer, (await _store.ReadAsync("sessions/new/head.json", default))!.Content.ToArray());
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"kind":"test-note","data":{"text":"x"}}""", "'test-note' document")]
    [InlineData("""{"status":"open"}""", "schemaVersion and data are required")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task A_document_of_another_kind_or_shape_is_refused(string content, string expected)
    {
        await _store.CreateAsync("sessions/x/head.json", Encoding.UTF8.GetBytes(content), default);

        var error = await Assert.ThrowsAsync<StoredDocumentException>(() => _state.ReadAsync("sessions/x/head.json", HeadKind, default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_creates_then_replaces_and_an_unchanged_decision_writes_nothing()
    {
        var first = await _state.UpdateAsync("sessions/s1/head.json", HeadKind, head => (head ?? new Head("open", 1), "made"), default);
        var same = await _state.UpdateAsync("sessions/s1/head.json", HeadKind, head => (head, "kept"), default);
        var equal = await _state.UpdateAsync("sessions/s1/head.json", HeadKind, head => (new Head("open", 1), "equal"), default);
        var next = await _state.UpdateAsync("sessions/s1/head.json", HeadKind, head => (head! with { Round = head.Round + 1 }, "next"), default);

        Assert.True(first.Written);
        Assert.Equal("made", first.Result);
        Assert.False(same.Written);
        Assert.Equal(first.ETag, same.ETag);
        Assert.False(equal.Written);
        Assert.True(next.Written);
        Assert.Equal(new Head("open", 2), next.State);
        Assert.Equal(new Head("open", 2), (await _state.ReadAsync("sessions/s1/head.json", HeadKind, default))!.Value);
    }

    [Fact]
    public async Task When_another_writer_commits_first_the_decision_runs_again_on_the_fresh_state()
    {
        await _state.TryCreateAsync("sessions/s1/head.json", HeadKind, new Head("open", 1), default);
        var seen = new List<Head?>();

        var committed = await _state.UpdateAsync("sessions/s1/head.json", HeadKind, head =>
        {
            seen.Add(head);
            if (seen.Count == 1)
            {
                // Another instance closes the session between our read and our write.
                var current = _store.ReadAsync("sessions/s1/head.json", default).GetAwaiter().GetResult()!;
                _store.ReplaceAsync("sessions/s1/head.json", HeadKind.Serialize(new Head("closed", 1)), current.ETag, default).GetAwaiter().GetResult();
            }

            return (head! with { Round = head.Round + 1 }, head.Status);
        }, default);

        Assert.Equal([new Head("open", 1), new Head("closed", 1)], seen);
        Assert.Equal(2, committed.Attempts);
        Assert.Equal("closed", committed.Result);
        Assert.Equal(new Head("closed", 2), (await _state.ReadAsync("sessions/s1/head.json", HeadKind, default))!.Value);
    }

    [Fact]
    public async Task A_document_that_keeps_changing_gives_up_with_storage_unavailable_after_the_attempts()
    {
        await _state.TryCreateAsync("sessions/s1/head.json", HeadKind, new Head("open", 0), default);
        var calls = 0;

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => _state.UpdateAsync("sessions/s1/head.json", HeadKind, head =>
        {
            calls++;
            var current = _store.ReadAsync("sessions/s1/head.json", default).GetAwaiter().GetResult()!;
            _store.ReplaceAsync("sessions/s1/head.json", HeadKind.Serialize(head! with { Round = head.Round + 100 }), current.ETag, default).GetAwaiter().GetResult();
            return (head with { Round = head.Round + 1 }, 0);
        }, default));

        Assert.Equal(4, calls);
        Assert.Contains("kept changing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appending_the_same_activity_twice_keeps_the_first_record_and_reports_the_redelivery()
    {
        var key = SessionKeys.SessionItem("s1", StateKeys.ItemId("1700000000001"));

        var first = await _state.AppendAsync(key, NoteKind, new Note("eerste"), default);
        var again = await _state.AppendAsync(key, NoteKind, new Note("tweede"), default);

        Assert.Equal(AppendResult.Appended, first);
        Assert.Equal(AppendResult.AlreadyRecorded, again);
        Assert.Equal(new Note("eerste"), (await _state.ReadAsync(key, NoteKind, default))!.Value);
        Assert.Equal([key], await StorageTestSupport.AllKeysAsync(_store, SessionKeys.SessionItems("s1")));
    }

    [Fact]
    public async Task Delete_removes_a_document_whatever_its_version()
    {
        await _state.TryCreateAsync("people/a/b.json", NoteKind, new Note("x"), default);

        Assert.True(await _state.DeleteAsync("people/a/b.json", default));
        Assert.False(await _state.DeleteAsync("people/a/b.json", default));
        Assert.Null(await _state.ReadAsync("people/a/b.json", NoteKind, default));
    }
}
