using Microsoft.Extensions.Options;
using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Scheduling;

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

        // Planning a session, and the pitch card before it (in the 1:1 chat).
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection(MembershipOptions.Section))
            .Validate(o => o.CacheFor >= TimeSpan.Zero && o.RecheckAfter >= TimeSpan.Zero, $"{MembershipOptions.Section}: CacheFor and RecheckAfter cannot be negative.")
            .ValidateOnStart();
        services.AddSingleton<ConversationMembership>();
        services.AddSingleton<PersonalCardGroup>();
        services.AddSingleton<PlannedSessionIndex>();
        services.AddSingleton<PersonSessions>();
        services.AddSingleton<PlanningFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<PlanningFeature>());
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<PlanningFeature>());
        services.AddSingleton<PitchFormFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<PitchFormFeature>());
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<PitchFormFeature>());
        return services;
    }
}
