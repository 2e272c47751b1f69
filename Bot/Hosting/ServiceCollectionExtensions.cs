using Microsoft.Extensions.Options;
using StuyfBot.Bot.Features.People;
using StuyfBot.Bot.Features.Pitches;
using StuyfBot.Bot.Features.Sessions;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Platform.Api.Auth;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Bot.Hosting;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddStuyfBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section));
        services.AddSingleton(TimeProvider.System);

        services.AddActivityAuthentication();
        services.AddConversationClient(configuration);

        services.AddSingleton(sp => new ActivityDeduplicator(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BotOptions>>().Value.RedeliveryWindow));
        services.AddStuyfBotStorage(configuration);
        services.AddReminders(configuration);
        services.AddDelivery();
        services.AddSingleton<IBotFeature, PeopleFeature>();
        services.AddSingleton<IBotFeature, WelcomeFeature>();
        services.AddSessions(configuration);
        services.AddPitches(configuration);
        services.AddSummaries(configuration);
        services.AddSingleton(sp =>
        {
            var app = new App();
            foreach (var feature in sp.GetServices<IBotFeature>().OrderBy(f => f.Order))
            {
                feature.Map(app);
            }

            return app;
        });
        services.AddSingleton<ITurnLanguage, TurnLanguage>();
        services.AddSingleton<MessagesEndpoint>();
        return services;
    }
}
