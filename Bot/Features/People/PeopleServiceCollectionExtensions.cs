using StuyfBot.Bot.Kernel;

namespace StuyfBot.Bot.Features.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>Remembering each person's 1:1 chat on first contact (the directory itself is the platform's).</summary>
    public static IServiceCollection AddPeople(this IServiceCollection services) => services.AddBotFeature<PeopleFeature>();
}
