using Microsoft.Extensions.Options;
using StuyfBot.Bot.Scheduling;

namespace StuyfBot.Bot.Features.Pitches;

public static class PitchesServiceCollectionExtensions
{
    /// <summary>The pitch round: records, timer settings, the timer's durable alerts, and the runner of round commands.</summary>
    public static IServiceCollection AddPitches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimerOptions>().Bind(configuration.GetSection(TimerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimerOptions>, TimerOptionsValidation>();
        services.AddSingleton<SessionItemStore>();
        services.AddSingleton<TimerAlertScheduler>();
        services.AddReminderHandler<TimerAlertHandler>();
        services.AddSingleton<RoundRunner>();
        return services;
    }
}
