using Microsoft.Extensions.Options;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// The timekeeper's timer (configuration section "Sessions:Timers"), e.g.
/// <c>Sessions__Timers__ConnectortafelPitch=00:04:00</c>. Unset values keep the Stuyfplek defaults
/// of <see cref="TimerSettings"/>.
/// </summary>
public sealed class TimerOptions
{
    public const string Section = "Sessions:Timers";

    public TimeSpan? ConnectortafelPitch { get; set; }

    public TimeSpan? ConnectortafelAnswers { get; set; }

    public TimeSpan? OpenHuysPitch { get; set; }

    public TimeSpan? OpenHuysAnswers { get; set; }

    /// <summary>How long before a phase ends the warning comes.</summary>
    public TimeSpan? WarningBefore { get; set; }

    /// <summary>What the "+2 minuten" button adds.</summary>
    public TimeSpan? Extension { get; set; }

    /// <summary>A warning posted more than this after its time says it is late.</summary>
    public TimeSpan? LateAfter { get; set; }

    public TimerSettings ToSettings()
    {
        var defaults = TimerSettings.Default;
        return defaults with
        {
            Connectortafel = new PhaseDurations(ConnectortafelPitch ?? defaults.Connectortafel.Pitch, ConnectortafelAnswers ?? defaults.Connectortafel.Answers),
            OpenHuys = new PhaseDurations(OpenHuysPitch ?? defaults.OpenHuys.Pitch, OpenHuysAnswers ?? defaults.OpenHuys.Answers),
            WarningBefore = WarningBefore ?? defaults.WarningBefore,
            Extension = Extension ?? defaults.Extension,
            LateAfter = LateAfter ?? defaults.LateAfter,
        };
    }
}

/// <summary>Refuses to start with timer settings that make no sense, naming the setting.</summary>
public sealed class TimerOptionsValidation : IValidateOptions<TimerOptions>
{
    public ValidateOptionsResult Validate(string? name, TimerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.ToSettings().Problems();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{TimerOptions.Section}: {p}"));
    }
}
