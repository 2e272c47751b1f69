using Microsoft.Extensions.Options;
using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Scheduling;

namespace StuyfBot.Bot.Features.Summaries;

public static class SummariesServiceCollectionExtensions
{
    /// <summary>Publishing a closed session's summary (with its backstop reminder) and the coordinator's summaries.</summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SummaryOptions>()
            .Bind(configuration.GetSection(SummaryOptions.Section))
            .Configure(options =>
            {
                // One value ("id1,id2") as well as a list: a list binds from the section's children only.
                if (configuration[$"{SummaryOptions.Section}:{nameof(SummaryOptions.Coordinators)}"] is { Length: > 0 } single)
                {
                    options.Coordinators.Add(single);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SummaryOptions>, SummaryOptionsValidation>();
        services.AddSingleton<Coordinators>();
        services.AddSingleton<SummaryPublisher>();
        services.AddSingleton<SummaryArchive>();
        services.AddReminderHandler<SummaryBackstop>();
        services.AddSessionEffect<SummaryOnClose>();
        services.AddBotFeature<SummariesFeature>();
        return services;
    }
}
