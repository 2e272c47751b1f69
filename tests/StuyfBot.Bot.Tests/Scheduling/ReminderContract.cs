using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;
using static StuyfBot.Bot.Tests.Scheduling.Reminders;

namespace StuyfBot.Bot.Tests.Scheduling;

/// <summary>
/// Durable reminders, run against every store (Azurite and the data folder): they fire once, at
/// their time or later (saying how late), never twice, across restarts and instances. Time is a
/// <see cref="FakeTimeProvider"/>: nothing here waits for the wall clock.
/// </summary>
public abstract class ReminderContract
{
    /// <summary>A fresh, empty storage, and a first client on it.</summary>
    protected abstract Task<IDocumentStore> NewStoreAsync();

    /// <summary>Another client on the same storage, as a second instance or a restarted bot has.</summary>
    protected abstract IDocumentStore OtherClient(IDocumentStore store);

    [Fact]
    public async Task A_reminder_fires_once_at_its_time_and_not_before()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var dispatcher = Dispatcher(store, clock, handler);

        Assert.True(await Scheduler(store, clock).ScheduleAsync(New("r1", T0.AddSeconds(10)), default));
        await dispatcher.RunOnceAsync(default);
        clock.Advance(TimeSpan.FromSeconds(9.5));
        var early = await dispatcher.RunOnceAsync(default);
        Assert.Empty(handler.Calls);
        Assert.Equal(0, early.Due);

        clock.Advance(TimeSpan.FromSeconds(0.5));
        var onTime = await dispatcher.RunOnceAsync(default);
        clock.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.RunOnceAsync(default);

        Assert.Equal(1, onTime.Fired);
        var call = Assert.Single(handler.Calls);
        Assert.Equal("r1", call.ReminderId);
        Assert.Equal(TimeSpan.Zero, call.Lateness);
        Assert.Equal("one-minute-left", call.Payload["alert"]);
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
        var claim = await ClaimAsync(store, "r1", T0.AddSeconds(10));
        Assert.Equal(ReminderState.Done, claim?.State);
        Assert.Equal(1, claim?.Attempts);
    }

    [Fact]
    public async Task A_reminder_due_within_a_second_waits_for_its_exact_time()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var dispatcher = Dispatcher(store, clock, handler);
        await Scheduler(store, clock).ScheduleAsync(New("r1", T0.AddMilliseconds(10_600)), default);

        clock.Advance(TimeSpan.FromMilliseconds(10_500));
        await dispatcher.RunOnceAsync(default);
        Assert.Empty(handler.Calls);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        await dispatcher.RunOnceAsync(default);
        Assert.Equal(TimeSpan.Zero, Assert.Single(handler.Calls).Lateness);
    }

    [Fact]
    public async Task Scheduling_the_same_id_twice_fires_once_even_when_scheduled_again_after_it_fired()
    {
        var store = await NewStoreAsync();
        var other = OtherClient(store);
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var due = T0.AddMinutes(1);

        Assert.True(await Scheduler(store, clock).ScheduleAsync(New("timer-s1-v1-1min", due), default));
        Assert.False(await Scheduler(other, clock).ScheduleAsync(New("timer-s1-v1-1min", due), default));
        clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatcher(store, clock, handler).RunOnceAsync(default);
        await Dispatcher(other, clock, handler).RunOnceAsync(default);

        // A redelivered activity schedules it once more, after it fired: it does not fire again.
        Assert.True(await Scheduler(other, clock).ScheduleAsync(New("timer-s1-v1-1min", due), default));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Dispatcher(store, clock, handler).RunOnceAsync(default);
        await Dispatcher(other, clock, handler).RunOnceAsync(default);

        Assert.Single(handler.Calls);
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
    }

    [Fact]
    public async Task After_a_restart_an_overdue_reminder_fires_once_saying_how_late()
    {
        var store = await NewStoreAsync();
        var before = new FakeTimeProvider(T0);
        var oldHandler = new RecordingHandler();
        var due = T0.AddMinutes(1);
        await Scheduler(store, before).ScheduleAsync(New("r1", due), default);
        await Dispatcher(store, before, oldHandler).RunOnceAsync(default);

        // The bot is down from just after T0 until T0 + 5:30; it starts again with new objects.
        var after = new FakeTimeProvider(T0.AddMinutes(5.5));
        var handler = new RecordingHandler();
        var restarted = Dispatcher(OtherClient(store), after, handler);
        await restarted.RunOnceAsync(default);
        after.Advance(TimeSpan.FromSeconds(1));
        await restarted.RunOnceAsync(default);

        Assert.Empty(oldHandler.Calls);
        var call = Assert.Single(handler.Calls);
        Assert.Equal(TimeSpan.FromSeconds(270), call.Lateness);
    }

    [Fact]
    public async Task After_days_of_downtime_every_missed_reminder_fires_in_due_order_and_future_ones_wait()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var scheduler = Scheduler(store, clock);
        // Across midnight and several days: the listing is in due-time order.
        DateTimeOffset[] dues = [T0.AddDays(-3), new(2026, 3, 1, 23, 59, 59, TimeSpan.Zero), T0.AddHours(-1), T0.AddHours(2), T0.AddDays(3)];
        for (var i = dues.Length - 1; i >= 0; i--)
        {
            await scheduler.ScheduleAsync(New($"r{i}", dues[i]), default);
        }

        var handler = new RecordingHandler();
        var dispatcher = Dispatcher(OtherClient(store), clock, handler, Options(o => o.MaxConcurrency = 1));
        await dispatcher.RunOnceAsync(default);

        Assert.Equal(["r0", "r1", "r2"], handler.Calls.Select(c => c.ReminderId));
        Assert.Equal(TimeSpan.FromDays(3), handler.Calls[0].Lateness);
        Assert.Equal(TimeSpan.FromHours(9) + TimeSpan.FromSeconds(1), handler.Calls[1].Lateness);

        clock.Advance(TimeSpan.FromHours(2));
        await dispatcher.RunOnceAsync(default);
        Assert.Equal("r3", handler.Calls[^1].ReminderId);
        Assert.Equal(4, handler.Calls.Count);
    }

    [Fact]
    public async Task Two_instances_on_one_store_fire_each_of_200_reminders_exactly_once()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var scheduler = Scheduler(store, clock);
        const int Count = 200;
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), async (i, ct) =>
            await scheduler.ScheduleAsync(New($"r{i:D3}", T0.AddSeconds(i % 37)), ct));
        clock.Advance(TimeSpan.FromMinutes(1));

        // Two instances, each with its own client, racing over the same reminders (small pages, so
        // listing continues across pages while the other deletes).
        var handlers = new[] { new RecordingHandler(), new RecordingHandler() };
        var options = Options(o => o.BatchSize = 25);
        var instances = new[]
        {
            Dispatcher(store, clock, handlers[0], options),
            Dispatcher(OtherClient(store), clock, handlers[1], options),
        };
        await Task.WhenAll(instances.Select(d => Task.Run(() => RunUntilIdleAsync(d))));

        var fired = handlers.SelectMany(h => h.Calls).Select(c => c.ReminderId).ToList();
        Assert.Equal(Count, fired.Count);
        Assert.Equal(Count, fired.Distinct().Count());
        Assert.All(handlers, h => Assert.NotEmpty(h.Calls));
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
        var claims = await StorageTestSupport.AllKeysAsync(store, StateKeys.ReminderClaimsPrefix);
        Assert.Equal(Count, claims.Count);
    }

    [Fact]
    public async Task A_reminder_claimed_by_an_instance_that_died_is_taken_over_after_the_lease()
    {
        var store = await NewStoreAsync();
        var lease = TimeSpan.FromSeconds(60);
        var options = Options(o => o.LeaseDuration = lease);
        var clockA = new FakeTimeProvider(T0);
        var clockB = new FakeTimeProvider(T0);
        await Scheduler(store, clockA).ScheduleAsync(New("r1", T0), default);

        // Instance A claims it and hangs in the handler; then the process dies (nothing more is written).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = new RecordingHandler { Then = async (_, ct) => { started.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); } };
        using var death = new CancellationTokenSource();
        var runA = Dispatcher(store, clockA, hanging, options).RunOnceAsync(death.Token);
        await started.Task.WaitAsync(Patience);
        await death.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runA);
        Assert.Equal(ReminderState.Firing, (await ClaimAsync(store, "r1", T0))?.State);

        var handler = new RecordingHandler();
        var b = Dispatcher(OtherClient(store), clockB, handler, options);
        var whileLeased = await b.RunOnceAsync(default);
        clockB.Advance(lease - TimeSpan.FromSeconds(1));
        await b.RunOnceAsync(default);
        Assert.Empty(handler.Calls);
        Assert.Equal(1, whileLeased.Due);

        clockB.Advance(TimeSpan.FromSeconds(1));
        await b.RunOnceAsync(default);
        clockB.Advance(TimeSpan.FromMinutes(5));
        await b.RunOnceAsync(default);

        var call = Assert.Single(handler.Calls);
        Assert.Equal(lease, call.Lateness);
        var claim = await ClaimAsync(store, "r1", T0);
        Assert.Equal(ReminderState.Done, claim?.State);
        Assert.Equal(2, claim?.Attempts);
        Assert.Equal(b.InstanceId, claim?.Owner);
    }

    [Fact]
    public async Task A_handler_that_runs_out_of_time_is_cancelled_and_retried()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var options = Options(o => o.HandlerTimeout = TimeSpan.FromSeconds(20));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = true;
        var handler = new RecordingHandler
        {
            Then = async (_, ct) =>
            {
                if (first)
                {
                    first = false;
                    started.TrySetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };
        var dispatcher = Dispatcher(store, clock, handler, options);
        await Scheduler(store, clock).ScheduleAsync(New("r1", T0), default);

        var run = dispatcher.RunOnceAsync(default);
        await started.Task.WaitAsync(Patience);
        clock.Advance(TimeSpan.FromSeconds(20));
        var timedOut = await run.WaitAsync(Patience);
        Assert.Equal(1, timedOut.Failed);
        Assert.Equal(ReminderState.Waiting, (await ClaimAsync(store, "r1", T0))?.State);

        clock.Advance(options.RetryDelay);
        var retried = await dispatcher.RunOnceAsync(default);

        Assert.Equal(1, retried.Fired);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_backoff_then_parked_with_a_log_line()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        using var logs = new ListLoggerProvider();
        var options = Options(o =>
        {
            o.MaxAttempts = 3;
            o.RetryDelay = TimeSpan.FromSeconds(10);
            o.MaxRetryDelay = TimeSpan.FromSeconds(15);
        });
        var handler = new RecordingHandler { Then = (_, _) => throw new InvalidOperationException("Teams said no") };
        var dispatcher = Dispatcher(store, clock, handler, options, logs);
        await Scheduler(store, clock).ScheduleAsync(New("r1", T0), default);

        var first = await dispatcher.RunOnceAsync(default);
        await dispatcher.RunOnceAsync(default);
        clock.Advance(TimeSpan.FromSeconds(9));
        await dispatcher.RunOnceAsync(default);
        Assert.Equal(1, first.Failed);
        Assert.Single(handler.Calls);

        clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.RunOnceAsync(default);
        Assert.Equal(2, handler.Calls.Count);

        // The second wait doubles to 20 s but is capped at 15 s.
        clock.Advance(TimeSpan.FromSeconds(14));
        await dispatcher.RunOnceAsync(default);
        Assert.Equal(2, handler.Calls.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        var last = await dispatcher.RunOnceAsync(default);
        Assert.Equal(1, last.Parked);

        clock.Advance(TimeSpan.FromHours(1));
        var afterwards = await dispatcher.RunOnceAsync(default);
        Assert.Equal(3, handler.Calls.Count);
        Assert.Equal(0, afterwards.Due);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25)], handler.Calls.Select(c => c.Lateness));
        var claim = await ClaimAsync(store, "r1", T0);
        Assert.Equal(ReminderState.Parked, claim?.State);
        Assert.Contains("Teams said no", claim?.LastError, StringComparison.Ordinal);
        Assert.Equal("r1", claim?.Reminder?.Id);
        var parked = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("PARKED", parked.Message, StringComparison.Ordinal);
        Assert.Equal("r1", parked.Fields["ReminderId"]);
        Assert.Equal(3, parked.Fields["Attempts"]);
        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("trying again", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_reminder_without_a_handler_for_its_kind_is_retried_then_parked()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var dispatcher = Dispatcher(store, clock, handler, Options(o => o.MaxAttempts = 2));
        await Scheduler(store, clock).ScheduleAsync(New("r1", T0, kind: "unknown-kind"), default);

        await dispatcher.RunOnceAsync(default);
        clock.Advance(TimeSpan.FromMinutes(10));
        await dispatcher.RunOnceAsync(default);

        Assert.Empty(handler.Calls);
        var claim = await ClaimAsync(store, "r1", T0);
        Assert.Equal(ReminderState.Parked, claim?.State);
        Assert.Contains("unknown-kind", claim?.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_removes_a_reminder_so_it_never_fires()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var scheduler = Scheduler(store, clock);
        var handler = new RecordingHandler();
        var dispatcher = Dispatcher(store, clock, handler);
        var due = T0.AddMinutes(1);
        await scheduler.ScheduleAsync(New("r1", due), default);

        Assert.True(await scheduler.CancelAsync("r1", due, default));
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
        Assert.True(await scheduler.CancelAsync("r1", due, default));

        // Scheduled again by a late duplicate: the cancel still holds.
        await scheduler.ScheduleAsync(New("r1", due), default);
        clock.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.RunOnceAsync(default);

        Assert.Empty(handler.Calls);
        Assert.Equal(ReminderState.Cancelled, (await ClaimAsync(store, "r1", due))?.State);
        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
    }

    [Fact]
    public async Task Cancelling_a_reminder_that_fired_changes_nothing_and_says_so()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var scheduler = Scheduler(store, clock);
        var handler = new RecordingHandler();
        await scheduler.ScheduleAsync(New("r1", T0), default);
        await Dispatcher(store, clock, handler).RunOnceAsync(default);

        Assert.False(await scheduler.CancelAsync("r1", T0, default));
        Assert.Equal(ReminderState.Done, (await ClaimAsync(store, "r1", T0))?.State);
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task Cancelling_a_reminder_that_waits_for_a_retry_stops_the_retries()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var scheduler = Scheduler(store, clock);
        var handler = new RecordingHandler { Then = (_, _) => throw new HttpRequestException("connector down") };
        var dispatcher = Dispatcher(store, clock, handler);
        await scheduler.ScheduleAsync(New("r1", T0), default);
        await dispatcher.RunOnceAsync(default);

        Assert.True(await scheduler.CancelAsync("r1", T0, default));
        clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunOnceAsync(default);

        Assert.Single(handler.Calls);
        Assert.Equal(ReminderState.Cancelled, (await ClaimAsync(store, "r1", T0))?.State);
    }

    [Fact]
    public async Task A_cancel_that_lands_just_after_a_dispatcher_read_the_reminder_still_stops_it()
    {
        var inner = await NewStoreAsync();
        var store = new FaultyStore(inner);
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var scheduler = Scheduler(OtherClient(inner), clock);
        await scheduler.ScheduleAsync(New("r1", T0), default);
        var cancelled = false;
        store.After(async (operation, key) =>
        {
            if (operation == "read" && key == StateKeys.Reminder(T0, "r1"))
            {
                cancelled = await scheduler.CancelAsync("r1", T0, default);
            }
        });

        await Dispatcher(store, clock, handler).RunOnceAsync(default);

        Assert.True(cancelled);
        Assert.Empty(handler.Calls);
        Assert.Empty(await StorageTestSupport.AllKeysAsync(inner, StateKeys.RemindersPrefix));
    }

    /// <summary>
    /// Another instance fires reminders, and deletes them, between this dispatcher's listing and
    /// its read: that is nothing to do here (no exception, no second call). Whoever looks for the
    /// scheduled reminders meets the same race and still finds each one, by its claim.
    /// </summary>
    [Fact]
    public async Task A_reminder_fired_elsewhere_between_listing_and_reading_it_is_nothing_to_do_and_still_found()
    {
        var inner = await NewStoreAsync();
        var store = new FaultyStore(inner);
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var other = new RecordingHandler();
        var scheduler = Scheduler(inner, clock);
        var elsewhere = Dispatcher(OtherClient(inner), clock, other);
        await scheduler.ScheduleAsync(New("r1", T0), default);
        await scheduler.ScheduleAsync(New("r2", T0), default);
        void FireElsewhereAfterTheNextListing() => store.After(async (operation, key) =>
        {
            if (operation == "list" && key == StateKeys.RemindersPrefix)
            {
                store.After(null);
                await elsewhere.RunOnceAsync(default);
            }
        });

        FireElsewhereAfterTheNextListing();
        var pass = await Dispatcher(store, clock, handler).RunOnceAsync(default);

        Assert.Equal(0, pass.Fired + pass.Failed + pass.Parked);
        Assert.Empty(handler.Calls);
        Assert.Equal(["r1", "r2"], other.Calls.Select(c => c.ReminderId).Order());
        Assert.Empty(await StorageTestSupport.AllKeysAsync(inner, StateKeys.RemindersPrefix));

        await scheduler.ScheduleAsync(New("r3", T0), default);
        FireElsewhereAfterTheNextListing();
        var scheduled = await ScheduledAsync(store);

        Assert.Equal(["r1", "r2", "r3"], scheduled.Select(r => r.Id).Order());
        Assert.Equal(3, other.Calls.Count);
    }

    /// <summary>Another instance sweeps claims between this one's listing and its read: nothing to do.</summary>
    [Fact]
    public async Task A_claim_swept_elsewhere_between_listing_and_reading_it_is_nothing_to_do()
    {
        var inner = await NewStoreAsync();
        var store = new FaultyStore(inner);
        var clock = new FakeTimeProvider(T0);
        var options = Options(o => o.Retention = TimeSpan.FromDays(1));
        await Scheduler(inner, clock).ScheduleAsync(New("r1", T0), default);
        await Dispatcher(inner, clock, new RecordingHandler(), options).RunOnceAsync(default);
        clock.Advance(TimeSpan.FromDays(2));
        var swept = 0;
        store.After(async (operation, key) =>
        {
            if (operation == "list" && key == StateKeys.ReminderClaimsPrefix)
            {
                store.After(null);
                swept = await Dispatcher(OtherClient(inner), clock, new RecordingHandler(), options).SweepAsync(default);
            }
        });

        Assert.Equal(0, await Dispatcher(store, clock, new RecordingHandler(), options).SweepAsync(default));
        Assert.Equal(1, swept);
        Assert.Empty(await StorageTestSupport.AllKeysAsync(inner, StateKeys.ReminderClaimsPrefix));
    }

    [Fact]
    public async Task An_outcome_storage_refused_is_recorded_on_the_next_pass_so_nothing_fires_twice()
    {
        var inner = await NewStoreAsync();
        var store = new FaultyStore(inner);
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        var dispatcher = Dispatcher(store, clock, handler);
        await Scheduler(store, clock).ScheduleAsync(New("r1", T0), default);

        store.FailWhen((operation, key) => operation == "replace" && key.StartsWith(StateKeys.ReminderClaimsPrefix, StringComparison.Ordinal));
        var failed = await dispatcher.RunOnceAsync(default);
        Assert.Equal(1, failed.Fired);
        Assert.Equal(ReminderState.Firing, (await ClaimAsync(inner, "r1", T0))?.State);

        // Still down at the next poll: the pass fails, the outcome is kept.
        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => dispatcher.RunOnceAsync(default));

        store.FailWhen(null);
        clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.RunOnceAsync(default);
        Assert.Equal(ReminderState.Done, (await ClaimAsync(inner, "r1", T0))?.State);

        var other = new RecordingHandler();
        var later = new FakeTimeProvider(T0.AddHours(1));
        await Dispatcher(OtherClient(inner), later, other).RunOnceAsync(default);
        Assert.Single(handler.Calls);
        Assert.Empty(other.Calls);
    }

    /// <summary>
    /// The one window the design leaves open, shown rather than hidden: the message went out, then
    /// the instance died before it could record Done. After the lease another instance sends it
    /// again (and logs that it takes over).
    /// </summary>
    [Fact]
    public async Task The_remaining_double_send_window_is_an_instance_dying_between_sending_and_recording()
    {
        var inner = await NewStoreAsync();
        var dying = new FaultyStore(inner);
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        await Scheduler(inner, clock).ScheduleAsync(New("r1", T0), default);
        dying.FailWhen((operation, key) => operation == "replace");
        await Dispatcher(dying, clock, handler).RunOnceAsync(default);

        var other = new RecordingHandler();
        var b = Dispatcher(OtherClient(inner), clock, other);
        await b.RunOnceAsync(default);
        Assert.Empty(other.Calls);
        clock.Advance(new ReminderOptions().LeaseDuration);
        await b.RunOnceAsync(default);

        Assert.Single(handler.Calls);
        Assert.Single(other.Calls);
    }

    [Fact]
    public async Task Finished_claims_are_swept_after_the_retention_and_not_before()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var scheduler = Scheduler(store, clock);
        var dispatcher = Dispatcher(store, clock, new RecordingHandler(), Options(o => o.Retention = TimeSpan.FromDays(1)));
        await scheduler.ScheduleAsync(New("fired", T0), default);
        await scheduler.ScheduleAsync(New("cancelled", T0.AddHours(1)), default);
        await scheduler.ScheduleAsync(New("future", T0.AddDays(3)), default);
        await dispatcher.RunOnceAsync(default);
        await scheduler.CancelAsync("cancelled", T0.AddHours(1), default);

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await dispatcher.SweepAsync(default));
        clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(1, await dispatcher.SweepAsync(default));
        Assert.Null(await ClaimAsync(store, "fired", T0));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await dispatcher.SweepAsync(default));

        Assert.Empty(await StorageTestSupport.AllKeysAsync(store, StateKeys.ReminderClaimsPrefix));
        Assert.Equal([StateKeys.Reminder(T0.AddDays(3), "future")], await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
    }

    [Fact]
    public async Task An_unreadable_reminder_is_parked_and_one_from_a_newer_bot_is_left_alone()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var handler = new RecordingHandler();
        using var logs = new ListLoggerProvider();
        var broken = StateKeys.Reminder(T0, "broken");
        var newer = StateKeys.Reminder(T0, "newer");
        await store.CreateAsync(broken, "{not json"u8.ToArray(), default);
        await store.CreateAsync(newer, """{"schemaVersion":99,"kind":"reminder","data":{"shape":"unknown"}}"""u8.ToArray(), default);

        await Dispatcher(store, clock, handler, logs: logs).RunOnceAsync(default);

        Assert.Empty(handler.Calls);
        Assert.Equal(ReminderState.Parked, (await ClaimAsync(store, "broken", T0))?.State);
        Assert.Null(await ClaimAsync(store, "newer", T0));
        Assert.Equal([newer], await StorageTestSupport.AllKeysAsync(store, StateKeys.RemindersPrefix));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(broken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Many_due_at_once_run_side_by_side_up_to_the_concurrency_limit()
    {
        var store = await NewStoreAsync();
        var clock = new FakeTimeProvider(T0);
        var running = 0;
        var most = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler
        {
            Then = async (_, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                if (now == 4)
                {
                    gate.TrySetResult();
                }

                await gate.Task.WaitAsync(ct);
                Interlocked.Decrement(ref running);
            },
        };
        var scheduler = Scheduler(store, clock);
        for (var i = 0; i < 12; i++)
        {
            await scheduler.ScheduleAsync(New($"r{i:D2}", T0), default);
        }

        var pass = await Dispatcher(store, clock, handler, Options(o => o.MaxConcurrency = 4)).RunOnceAsync(default).WaitAsync(Patience);

        Assert.Equal(12, pass.Fired);
        Assert.Equal(4, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>The reminder contract on Azurite 3.35.0 over real HTTP.</summary>
public sealed class BlobReminderTests : ReminderContract, IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly ConcurrentDictionary<IDocumentStore, string> _containers = new();

    public BlobReminderTests(AzuriteFixture azurite) => _azurite = azurite;

    protected override async Task<IDocumentStore> NewStoreAsync()
    {
        var container = AzuriteFixture.NewContainer();
        var store = _azurite.NewStore(container);
        await store.EnsureReadyAsync(default);
        _containers[store] = container;
        return store;
    }

    protected override IDocumentStore OtherClient(IDocumentStore store) => _azurite.NewStore(_containers[store]);
}

/// <summary>The reminder contract on the local data folder (two clients: two instances of the file store on one folder).</summary>
public sealed class FileReminderTests : ReminderContract, IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly ConcurrentDictionary<IDocumentStore, string> _folders = new();

    protected override async Task<IDocumentStore> NewStoreAsync()
    {
        var folder = new TempFolder();
        _owned.Add(folder);
        var store = Client(folder.Path);
        await store.EnsureReadyAsync(default);
        return store;
    }

    protected override IDocumentStore OtherClient(IDocumentStore store) => Client(_folders[store]);

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private FileDocumentStore Client(string path)
    {
        var store = new FileDocumentStore(path);
        _owned.Add(store);
        _folders[store] = path;
        return store;
    }
}
