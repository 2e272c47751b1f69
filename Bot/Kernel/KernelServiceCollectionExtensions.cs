using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Kernel;

public static class KernelServiceCollectionExtensions
{
    /// <summary>
    /// The session kernel every session feature uses and none owns: the sessions and their records,
    /// the live card, the 1:1 card's group check, the index of planned sessions, the runner and the
    /// card router, with the "Sessions" settings (timers and membership checks validated at startup).
    /// </summary>
    public static IServiceCollection AddSessionKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.Section));
        services.AddOptions<TimerOptions>().Bind(configuration.GetSection(TimerOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimerOptions>, TimerOptionsValidation>());
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection(MembershipOptions.Section))
            .Validate(o => o.CacheFor >= TimeSpan.Zero && o.RecheckAfter >= TimeSpan.Zero, $"{MembershipOptions.Section}: CacheFor and RecheckAfter cannot be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<ConversationSessionStore>();
        services.TryAddSingleton<SessionItemStore>();
        services.TryAddSingleton<LiveCardUpdater>();
        services.TryAddSingleton<ConversationMembership>();
        services.TryAddSingleton<PersonalCardGroup>();
        services.TryAddSingleton<PlannedSessionIndex>();
        services.TryAddSingleton<SessionRunner>();
        services.TryAddSingleton<SessionCardRouter>();
        return services;
    }

    /// <summary>
    /// Registers a feature module: its class once, as an <see cref="IBotFeature"/> that maps its
    /// handlers, and, when it has any, as an <see cref="IHelpContributor"/> and an <see cref="ISessionEffect"/>.
    /// </summary>
    public static IServiceCollection AddBotFeature<TFeature>(this IServiceCollection services)
        where TFeature : class, IBotFeature
    {
        services.TryAddSingleton<TFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<TFeature>());
        if (typeof(IHelpContributor).IsAssignableFrom(typeof(TFeature)))
        {
            services.AddSingleton(sp => (IHelpContributor)sp.GetRequiredService<TFeature>());
        }

        return services;
    }

    /// <summary>Adds a feature's reaction to the session events of every feature.</summary>
    public static IServiceCollection AddSessionEffect<TEffect>(this IServiceCollection services)
        where TEffect : class, ISessionEffect
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionEffect, TEffect>());
        return services;
    }
}
