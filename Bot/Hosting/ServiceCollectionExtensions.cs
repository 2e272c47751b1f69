using StuyfBot.Bot.Features.Notes;
using StuyfBot.Bot.Features.People;
using StuyfBot.Bot.Features.Pitches;
using StuyfBot.Bot.Features.Sessions;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Features.Timers;
using StuyfBot.Bot.Features.Welcome;
using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Api.Auth;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Bot.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The whole bot: the platform, the session kernel, then one line per feature module. A new
    /// feature adds its <c>AddX()</c> here (docs/architecture.md). Pattern routes of features
    /// registered earlier win when two match; <see cref="IBotFeature.Order"/> overrides.
    /// </summary>
    public static IServiceCollection AddStuyfBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section));
        services.AddSingleton(TimeProvider.System);

        // The platform: protocol, storage, scheduling, delivery, the router.
        services.AddActivityAuthentication();
        services.AddConversationClient(configuration);
        services.AddStuyfBotStorage(configuration);
        services.AddReminders(configuration);
        services.AddDelivery();
        services.AddApp<TurnLanguage>();

        // The session kernel, and the features.
        services.AddSessionKernel(configuration);
        services.AddPeople();
        services.AddSessions();
        services.AddNotes();
        services.AddPitches();
        services.AddTimers();
        services.AddSummaries(configuration);
        services.AddWelcome();
        return services;
    }
}
