using Microsoft.Extensions.Options;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// Summary settings, in the configuration section "Sessions" with the other session settings:
/// who the coordinators are, and when the backstop looks whether a closed session's summary went
/// out completely.
/// </summary>
public sealed class SummaryOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// The coordinators, who may list and open every stored summary (in a 1:1 chat with the bot):
    /// each an Entra object id (the user's <c>aadObjectId</c>) or a Teams user id (<c>29:...</c>).
    /// Given as a list (<c>Sessions__Coordinators__0=...</c>) or as one value separated by commas
    /// or semicolons (<c>Sessions__Coordinators=id1,id2</c>).
    /// </summary>
    public List<string> Coordinators { get; } = [];

    /// <summary>
    /// How long after the close a durable reminder runs the publication again, to finish what a
    /// crash or a failing connector left undone (it changes nothing when everything went out).
    /// </summary>
    public TimeSpan SummaryBackstopDelay { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Refuses settings that make no sense, naming the setting.</summary>
public sealed class SummaryOptionsValidation : IValidateOptions<SummaryOptions>
{
    public ValidateOptionsResult Validate(string? name, SummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SummaryBackstopDelay < TimeSpan.FromSeconds(1) || options.SummaryBackstopDelay > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{SummaryOptions.Section}:{nameof(SummaryOptions.SummaryBackstopDelay)} must be between 00:00:01 and 1.00:00:00.")
            : ValidateOptionsResult.Success;
    }
}
