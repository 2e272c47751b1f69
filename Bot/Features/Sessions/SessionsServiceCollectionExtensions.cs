using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Sessions;

public static class SessionsServiceCollectionExtensions
{
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.Section));
        services.AddSingleton<ConversationSessionStore>();
        services.AddSingleton<LiveCardUpdater>();
        services.AddSingleton<SessionsFeature>();
        services.AddSingleton<IBotFeature>(sp => sp.GetRequiredService<SessionsFeature>());
        services.AddSingleton<IHelpContributor>(sp => sp.GetRequiredService<SessionsFeature>());
        return services;
    }
}
