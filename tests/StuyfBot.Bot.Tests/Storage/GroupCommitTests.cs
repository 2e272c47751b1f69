using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>
/// Group commit on the file store: updates that arrive while a commit is under way are decided in
/// arrival order on one state and committed in one write, and every rule of a single
/// load-decide-commit still holds (conflicts decide again, failures reach every caller).
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private const string Key = "sessions/s1/head.json";
    private static readonly DocumentKind<Head> HeadKind = new("test-head", 2, TestJsonContext.Default.Head);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private readonly FileDocumentStore _files;
    private readonly GatedStore _store;
    private readonly StateStore _state;
    private readonly GroupCommit<Head, int> _commits;

    public GroupCommitTests()
    {
        _files = new FileDocumentStore(_folder.Path);
        _store = new GatedStore(_files);
        _state = StorageTestSupport.State(_store);
        _commits = new GroupCommit<Head, int>(_state, HeadKind);
    }

    public void Dispose()
    {
        _files.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Updates_that_arrive_during_a_commit_are_decided_in_order_and_committed_in_one_write()
    {
        _store.Hold(Key);
        var first = _commits.UpdateAsync(Key, NextRound, default);
        await _store.WriteHeld.WaitAsync(Patience);
        var waiting = Enumerable.Range(0, 20).Select(_ => _commits.UpdateAsync(Key, NextRound, default)).ToList();
        _store.Release();

        var results = await Task.WhenAll(waiting).WaitAsync(Patience);

        Assert.Equal(1, (await first).Result);
        Assert.Equal(Enumerable.Range(2, 20), results.Select(r => r.Result));
        Assert.All(results, r => Assert.Equal(new Head("open", 21), r.State));
        Assert.All(results, r => Assert.True(r.Written));
        Assert.Equal(2, _store.Writes);
        Assert.Equal(new Head("open", 21), (await _state.ReadAsync(Key, HeadKind, default))!.Value);
        await NothingStaysBehindAsync();
    }

    [Fact]
    public async Task When_another_instance_writes_first_the_whole_group_is_decided_again_on_its_state()
    {
        await _state.TryCreateAsync(Key, HeadKind, new Head("open", 0), default);
        _store.Hold(Key);
        var first = _commits.UpdateAsync(Key, NextRound, default);
        await _store.WriteHeld.WaitAsync(Patience);
        var second = _commits.UpdateAsync(Key, NextRound, default);

        // Another instance (straight to the folder, past the gate) moves the document on.
        var other = StorageTestSupport.State(_files);
        await other.UpdateAsync(Key, HeadKind, head => (head! with { Round = head.Round + 100 }, 0), default);
        _store.Release();

        var committed = await first.WaitAsync(Patience);
        Assert.Equal(101, committed.Result);
        Assert.Equal(2, committed.Attempts);
        Assert.Equal(102, (await second.WaitAsync(Patience)).Result);
        Assert.Equal(new Head("open", 102), (await _state.ReadAsync(Key, HeadKind, default))!.Value);
        await NothingStaysBehindAsync();
    }

    [Fact]
    public async Task A_decision_that_throws_fails_its_own_turn_only()
    {
        _store.Hold(Key);
        var first = _commits.UpdateAsync(Key, NextRound, default);
        await _store.WriteHeld.WaitAsync(Patience);
        var before = _commits.UpdateAsync(Key, NextRound, default);
        var broken = _commits.UpdateAsync(Key, _ => throw new InvalidOperationException("a bug in one decision"), default);
        var after = _commits.UpdateAsync(Key, NextRound, default);
        _store.Release();

        Assert.Equal(1, (await first.WaitAsync(Patience)).Result);
        Assert.Equal(2, (await before.WaitAsync(Patience)).Result);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.WaitAsync(Patience));
        Assert.Equal(3, (await after.WaitAsync(Patience)).Result);
        Assert.Equal(new Head("open", 3), (await _state.ReadAsync(Key, HeadKind, default))!.Value);
        Assert.Equal(2, _store.Writes);
    }

    [Fact]
    public async Task A_store_that_fails_fails_every_update_of_the_group_and_the_next_update_commits()
    {
        _store.Hold(Key);
        var first = _commits.UpdateAsync(Key, NextRound, default);
        await _store.WriteHeld.WaitAsync(Patience);
        var group = Enumerable.Range(0, 3).Select(_ => _commits.UpdateAsync(Key, NextRound, default)).ToList();
        _store.FailWrites(new StorageUnavailableException("the disk is full"));
        _store.Release();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => first.WaitAsync(Patience));
        foreach (var update in group)
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => update.WaitAsync(Patience));
        }

        Assert.Equal(2, _store.Writes);
        Assert.Null(await _state.ReadAsync(Key, HeadKind, default));

        _store.FailWrites(null);
        Assert.Equal(1, (await _commits.UpdateAsync(Key, NextRound, default).WaitAsync(Patience)).Result);
        await NothingStaysBehindAsync();
    }

    [Fact]
    public async Task An_update_cancelled_while_it_waits_is_dropped_and_changes_nothing()
    {
        using var cancel = new CancellationTokenSource();
        _store.Hold(Key);
        var first = _commits.UpdateAsync(Key, NextRound, default);
        await _store.WriteHeld.WaitAsync(Patience);
        var cancelled = _commits.UpdateAsync(Key, NextRound, cancel.Token);
        var kept = _commits.UpdateAsync(Key, NextRound, default);
        await cancel.CancelAsync();
        _store.Release();

        Assert.Equal(1, (await first.WaitAsync(Patience)).Result);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.Equal(2, (await kept.WaitAsync(Patience)).Result);
        Assert.Equal(new Head("open", 2), (await _state.ReadAsync(Key, HeadKind, default))!.Value);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _commits.UpdateAsync(Key, NextRound, cancel.Token));
        await NothingStaysBehindAsync();
    }

    [Fact]
    public async Task Other_keys_commit_while_one_key_is_held()
    {
        const string Other = "sessions/s2/head.json";
        _store.Hold(Key);
        var held = _commits.UpdateAsync(Key, NextRound, default);
        await _store.WriteHeld.WaitAsync(Patience);

        var other = await _commits.UpdateAsync(Other, NextRound, default).WaitAsync(Patience);

        Assert.Equal(1, other.Result);
        Assert.False(held.IsCompleted);
        _store.Release();
        Assert.Equal(1, (await held.WaitAsync(Patience)).Result);
        await NothingStaysBehindAsync();
    }

    [Fact]
    public async Task Many_concurrent_updates_all_count_once_with_fewer_writes_than_updates()
    {
        var updates = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => _commits.UpdateAsync(Key, NextRound, default))));

        Assert.Equal(Enumerable.Range(1, 200), updates.Select(u => u.Result).Order());
        Assert.Equal(new Head("open", 200), (await _state.ReadAsync(Key, HeadKind, default))!.Value);
        Assert.InRange(_store.Writes, 1, 200);
        await NothingStaysBehindAsync();
    }

    /// <summary>Starts at round 1, then counts up; the result is the round this update made.</summary>
    private static (Head? State, int Result) NextRound(Head? head)
    {
        var next = head is null ? new Head("open", 1) : head with { Round = head.Round + 1 };
        return (next, next.Round);
    }

    /// <summary>The commit loop lets a key go right after completing its last group.</summary>
    private async Task NothingStaysBehindAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (_commits.ActiveKeys > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, _commits.ActiveKeys);
    }
}
