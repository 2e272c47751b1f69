using StuyfBot.Bot.Kernel;

namespace StuyfBot.Bot.Features.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>Sessions: start, attendance, roles, close, the meeting offers, and planning.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddBotFeature<PlanningFeature>();
        services.AddBotFeature<SessionsFeature>();
        return services;
    }
}
