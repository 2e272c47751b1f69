using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Scheduling;

namespace StuyfBot.Bot.Features.Timers;

public static class TimersServiceCollectionExtensions
{
    /// <summary>The pitch timer: its buttons, and its warnings as durable reminders.</summary>
    public static IServiceCollection AddTimers(this IServiceCollection services)
    {
        services.AddSingleton<TimerAlertScheduler>();
        services.AddReminderHandler<TimerAlertHandler>();
        services.AddSessionEffect<TimerAlertEffect>();
        services.AddBotFeature<TimersFeature>();
        return services;
    }
}
