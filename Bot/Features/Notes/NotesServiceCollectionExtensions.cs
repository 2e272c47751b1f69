using StuyfBot.Bot.Kernel;

namespace StuyfBot.Bot.Features.Notes;

public static class NotesServiceCollectionExtensions
{
    /// <summary>The chat-scribe's notes.</summary>
    public static IServiceCollection AddNotes(this IServiceCollection services) => services.AddBotFeature<NotesFeature>();
}
