using StuyfBot.Bot.Kernel;

namespace StuyfBot.Bot.Features.Welcome;

public static class WelcomeServiceCollectionExtensions
{
    /// <summary>The greeting and the help card (every feature's <see cref="IHelpContributor"/>).</summary>
    public static IServiceCollection AddWelcome(this IServiceCollection services) => services.AddBotFeature<WelcomeFeature>();
}
