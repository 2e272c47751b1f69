using StuyfBot.Bot.Kernel;

namespace StuyfBot.Bot.Features.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>Sessions: start, attendance, roles, close, the meeting offers, and planning.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        // In this order: the help card lists the sessions' commands and buttons before planning's.
        services.AddBotFeature<SessionsFeature>();
        services.AddBotFeature<PlanningFeature>();
        return services;
    }
}
