using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;
using StuyfBot.Platform.Delivery;

namespace StuyfBot.Bot.Features.People;

/// <summary>
/// Remembers each person's 1:1 conversation on their first contact there (a message, a card
/// action, installing the bot), before the turn's own handler runs. If storage fails, the turn
/// fails with it and the person is asked to try again: the next contact stores it.
/// </summary>
public sealed class PeopleFeature : IBotFeature
{
    private readonly PeopleDirectory _people;

    public PeopleFeature(PeopleDirectory people) => _people = people;

    /// <summary>Early, so the reference is kept even when a later feature's handler fails.</summary>
    public int Order => -1000;

    public void Map(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RememberAsync);
    }

    private async Task RememberAsync(ActivityContext context, Func<Task> next)
    {
        if (context.IsPersonal && IsFromPerson(context.Activity))
        {
            await _people.RememberAsync(context.Ref, context.CancellationToken).ConfigureAwait(false);
        }

        await next().ConfigureAwait(false);
    }

    private static bool IsFromPerson(Activity activity) =>
        !string.IsNullOrEmpty(activity.From?.Id)
        && activity.From.Id != activity.Recipient?.Id
        && !string.Equals(activity.From.Role, "bot", StringComparison.OrdinalIgnoreCase)
        && (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate
            || (activity.Type == ActivityTypes.InstallationUpdate && activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) != true));
}
