using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Scheduling;

/// <summary>One call of a handler: which reminder, how late, and on which call of the handler.</summary>
public sealed record HandlerCall(string ReminderId, TimeSpan Lateness, IReadOnlyDictionary<string, string> Payload);

/// <summary>A handler that records every call, then does what the test says (nothing, throw, hang).</summary>
public sealed class RecordingHandler(string kind = Reminders.Kind) : IReminderHandler
{
    private readonly ConcurrentQueue<HandlerCall> _calls = new();
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Kind => kind;

    /// <summary>What a call does after it is recorded.</summary>
    public Func<Reminder, CancellationToken, Task>? Then { get; set; }

    public IReadOnlyList<HandlerCall> Calls => [.. _calls];

    /// <summary>Completes at the first call (awaited with a generous limit so a broken test fails instead of hanging).</summary>
    public Task FirstCall => _called.Task;

    public async Task HandleAsync(Reminder reminder, TimeSpan lateness, CancellationToken cancellationToken)
    {
        _calls.Enqueue(new HandlerCall(reminder.Id, lateness, reminder.Payload));
        _called.TrySetResult();
        if (Then is not null)
        {
            await Then(reminder, cancellationToken);
        }
    }
}

/// <summary>Builders for the reminder tests.</summary>
public static class Reminders
{
    public const string Kind = "test";

    /// <summary>Generous upper bound for waiting on background work; never a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static DateTimeOffset T0 { get; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static ReminderOptions Options(Action<ReminderOptions>? change = null)
    {
        var options = new ReminderOptions();
        change?.Invoke(options);
        return options;
    }

    public static Reminder New(string id, DateTimeOffset due, string kind = Kind) =>
        new(id, kind, due, new Dictionary<string, string> { ["sessionId"] = "s-" + id, ["alert"] = "one-minute-left" });

    public static ReminderScheduler Scheduler(IDocumentStore store, TimeProvider time) =>
        new(store, time, NullLogger<ReminderScheduler>.Instance);

    public static ReminderDispatcher Dispatcher(IDocumentStore store, TimeProvider time, IReminderHandler handler, ReminderOptions? options = null, ILoggerProvider? logs = null) =>
        new(store, [handler], Microsoft.Extensions.Options.Options.Create(options ?? new ReminderOptions()), time, Logger<ReminderDispatcher>(logs));

    /// <summary>The claim stored for a reminder, or null.</summary>
    public static async Task<ReminderClaim?> ClaimAsync(IDocumentStore store, string id, DateTimeOffset due) =>
        (await ReminderDocuments.ReadClaimAsync(store, StateKeys.ReminderClaim(due, id), default))?.Value;

    /// <summary>
    /// Every reminder scheduled on the store, waiting or already claimed (fired, firing, retrying).
    /// A dispatcher may fire a reminder and delete it at any moment, also between listing and
    /// reading it; its claim (created before the handler runs, kept after the reminder goes) still
    /// has it. So the reminders are listed before the claims, and a document gone by the time it
    /// is read is skipped: each reminder is found in one or the other.
    /// </summary>
    public static async Task<IReadOnlyList<Reminder>> ScheduledAsync(IDocumentStore store)
    {
        var found = new Dictionary<(string Id, DateTimeOffset DueAt), Reminder>();
        foreach (var key in await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix))
        {
            if (await store.ReadAsync(key, default) is { } stored)
            {
                var reminder = ReminderDocuments.Reminder.Deserialize(key, stored.Content);
                found.TryAdd((reminder.Id, reminder.DueAt), reminder);
            }
        }

        foreach (var key in await StorageTestSupport.AllKeysAsync(store, StateKeys.ReminderClaimsPrefix))
        {
            if ((await ReminderDocuments.ReadClaimAsync(store, key, default))?.Value.Reminder is { } reminder)
            {
                found.TryAdd((reminder.Id, reminder.DueAt), reminder);
            }
        }

        return [.. found.Values];
    }

    /// <summary>Passes until nothing is due any more (or fails after many).</summary>
    public static async Task<int> RunUntilIdleAsync(ReminderDispatcher dispatcher)
    {
        for (var passes = 1; passes <= 10_000; passes++)
        {
            var pass = await dispatcher.RunOnceAsync(default);
            if (pass.Due == 0)
            {
                return passes;
            }

            await Task.Yield();
        }

        throw new InvalidOperationException("Reminders stayed due after 10000 passes.");
    }

    private static ILogger<T> Logger<T>(ILoggerProvider? logs) =>
        logs is null ? NullLogger<T>.Instance : new Logger<T>(new LoggerFactory([logs]));
}

/// <summary>A real store with faults the test switches on: a write (or every call) throws StorageUnavailable.</summary>
public sealed class FaultyStore(IDocumentStore inner) : IDocumentStore
{
    private volatile Func<string, string, bool>? _fail;
    private volatile Func<string, string, Task>? _after;

    public string Location => inner.Location;

    /// <summary>Calls (operation, key) for which this returns true throw <see cref="StorageUnavailableException"/>.</summary>
    public void FailWhen(Func<string, string, bool>? fail) => _fail = fail;

    /// <summary>Runs after each successful call (operation, key): to interleave another instance exactly there.</summary>
    public void After(Func<string, string, Task>? after) => _after = after;

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => inner.EnsureReadyAsync(cancellationToken);

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) =>
        RunAsync("read", key, () => inner.ReadAsync(key, cancellationToken));

    public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        RunAsync("create", key, () => inner.CreateAsync(key, content, cancellationToken));

    public Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken) =>
        RunAsync("replace", key, () => inner.ReplaceAsync(key, content, ifMatch, cancellationToken));

    public Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken) =>
        RunAsync("delete", key, () => inner.DeleteAsync(key, ifMatch, cancellationToken));

    public Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        RunAsync("list", prefix, () => inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken));

    private async Task<T> RunAsync<T>(string operation, string key, Func<Task<T>> call)
    {
        if (_fail?.Invoke(operation, key) == true)
        {
            throw new StorageUnavailableException($"Injected fault: {operation} {key}");
        }

        var result = await call();
        if (_after is { } after)
        {
            await after(operation, key);
        }

        return result;
    }
}
