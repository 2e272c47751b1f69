using StuyfBot.Bot.Kernel;

namespace StuyfBot.Bot.Features.Pitches;

public static class PitchesServiceCollectionExtensions
{
    /// <summary>Pitches: the round's buttons, and the pitch card before a session (in the 1:1 chat).</summary>
    public static IServiceCollection AddPitches(this IServiceCollection services)
    {
        services.AddSingleton<PersonSessions>();
        services.AddBotFeature<PitchFormFeature>();
        services.AddBotFeature<PitchesFeature>();
        return services;
    }
}
