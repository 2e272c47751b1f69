using Microsoft.Extensions.Options;

namespace StuyfBot.Platform.Scheduling;

/// <summary>How reminders are fired (configuration section "Reminders").</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>How often each instance looks for due reminders (also the most a reminder fires late while the bot runs).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claim stays with the instance that made it. If that instance dies, another one
    /// fires the reminder after this. Must exceed <see cref="HandlerTimeout"/>; the difference is
    /// the clock skew tolerated between instances.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one handler call may take before it is cancelled (and retried later).</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Handler runs before a reminder is parked.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Keys listed per storage call.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Reminders one instance runs at the same time.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How long finished claims (done, cancelled, parked) are kept; they stop duplicates in that time.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often finished claims older than <see cref="Retention"/> are deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>This instance's name in claims and log lines; empty: machine name, process id and a random suffix.</summary>
    public string? InstanceId { get; set; }
}

/// <summary>Rejects settings that would break the guarantees, naming the setting.</summary>
internal sealed class ReminderOptionsValidation : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Require(bool ok, string setting, string rule)
        {
            if (!ok)
            {
                failures.Add($"{ReminderOptions.Section}:{setting} {rule}.");
            }
        }

        Require(options.PollInterval >= TimeSpan.FromMilliseconds(10), nameof(options.PollInterval), "must be at least 00:00:00.010");
        Require(options.HandlerTimeout > TimeSpan.Zero, nameof(options.HandlerTimeout), "must be positive");
        Require(options.LeaseDuration > options.HandlerTimeout, nameof(options.LeaseDuration), "must be longer than Reminders:HandlerTimeout (else a slow handler could be fired twice)");
        Require(options.MaxAttempts is >= 1 and <= 100, nameof(options.MaxAttempts), "must be 1-100");
        Require(options.RetryDelay > TimeSpan.Zero, nameof(options.RetryDelay), "must be positive");
        Require(options.MaxRetryDelay >= options.RetryDelay, nameof(options.MaxRetryDelay), "must be at least Reminders:RetryDelay");
        Require(options.BatchSize is >= 1 and <= 5000, nameof(options.BatchSize), "must be 1-5000");
        Require(options.MaxConcurrency is >= 1 and <= 256, nameof(options.MaxConcurrency), "must be 1-256");
        Require(options.Retention >= TimeSpan.FromHours(1), nameof(options.Retention), "must be at least 01:00:00");
        Require(options.SweepInterval >= TimeSpan.FromMinutes(1), nameof(options.SweepInterval), "must be at least 00:01:00");
        Require(options.InstanceId is null || options.InstanceId.Length <= 100, nameof(options.InstanceId), "must be at most 100 characters");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
