using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StuyfBot.Platform.Scheduling;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Durable reminders on the bot's document store: <see cref="IReminderScheduler"/>, the
    /// dispatcher and the <see cref="ReminderService"/> that fires them, with the "Reminders"
    /// settings checked at startup. Add handlers with <see cref="AddReminderHandler{THandler}"/>.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>()
            .Bind(configuration.GetSection(ReminderOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReminderScheduler, ReminderScheduler>();
        services.TryAddSingleton<ReminderDispatcher>();
        services.AddHostedService<ReminderService>();
        return services;
    }

    /// <summary>Adds the handler for one reminder kind (one handler per kind).</summary>
    public static IServiceCollection AddReminderHandler<THandler>(this IServiceCollection services)
        where THandler : class, IReminderHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, THandler>());
        return services;
    }
}
