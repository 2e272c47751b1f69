using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Platform.Apps;

public static class AppServiceCollectionExtensions
{
    /// <summary>
    /// The activity router (<see cref="App"/>) with every registered <see cref="IBotFeature"/>
    /// mapped onto it in order, the redelivery memory, and POST /api/messages
    /// (<see cref="MessagesEndpoint"/>) answering in the bot's language (<typeparamref name="TLanguage"/>).
    /// </summary>
    public static IServiceCollection AddApp<TLanguage>(this IServiceCollection services)
        where TLanguage : class, ITurnLanguage
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ActivityDeduplicator(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BotOptions>>().Value.RedeliveryWindow));
        services.TryAddSingleton(sp =>
        {
            var app = new App();
            foreach (var feature in sp.GetServices<IBotFeature>().OrderBy(f => f.Order))
            {
                feature.Map(app);
            }

            return app;
        });
        services.TryAddSingleton<ITurnLanguage, TLanguage>();
        services.TryAddSingleton<MessagesEndpoint>();
        return services;
    }
}
