using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;

namespace StuyfBot.StorageLoad;

/// <summary>What one reminder worker fired.</summary>
public sealed record ReminderLoadReport(string Worker, IReadOnlyList<string> Fired, int Passes);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReminderLoadReport))]
public sealed partial class ReminderLoadJsonContext : JsonSerializerContext;

/// <summary>
/// One bot instance's reminder dispatcher on the real clock, passing over the store until no
/// reminder is due any more; its handler only records what it was given.
/// </summary>
public static class ReminderLoad
{
    public const string Kind = "load";

    public static async Task<ReminderLoadReport> RunAsync(IDocumentStore store, string worker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var handler = new Recorder();
        var options = Options.Create(new ReminderOptions { InstanceId = worker, BatchSize = 50, MaxConcurrency = 8 });
        var dispatcher = new ReminderDispatcher(store, [handler], options, TimeProvider.System, NullLogger<ReminderDispatcher>.Instance);
        var passes = 0;
        while (true)
        {
            passes++;
            var pass = await dispatcher.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            if (pass.Due == 0)
            {
                return new ReminderLoadReport(worker, [.. handler.Fired], passes);
            }

            if (pass.Fired == 0)
            {
                // Everything left is being fired by the other instance: look again shortly.
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static string ToJson(ReminderLoadReport report) => JsonSerializer.Serialize(report, ReminderLoadJsonContext.Default.ReminderLoadReport);

    public static ReminderLoadReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, ReminderLoadJsonContext.Default.ReminderLoadReport) ?? throw new InvalidDataException("No report.");

    private sealed class Recorder : IReminderHandler
    {
        public ConcurrentQueue<string> Fired { get; } = new();

        public string Kind => ReminderLoad.Kind;

        public async Task HandleAsync(Reminder reminder, TimeSpan lateness, CancellationToken cancellationToken)
        {
            Fired.Enqueue(reminder.Id);

            // A handler takes a moment, like sending a message does, so the run lasts long enough
            // for both processes to be at work on the same reminders whatever their start-up jitter.
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }
}
