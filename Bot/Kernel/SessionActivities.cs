using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Sessions;
using StuyfBot.Platform.Api;

namespace StuyfBot.Bot.Kernel;

/// <summary>The messages a session posts in its group: cards and announcements with @mentions.</summary>
public static class SessionActivities
{
    /// <summary>A card on its own. Messages in the group's language say so; without a locale they get the sender's.</summary>
    public static Activity Card(AdaptiveCard card, string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new()
        {
            Type = ActivityTypes.Message,
            Locale = locale,
            Attachments = [Attachment.AdaptiveCard(card.ToJson())],
        };
    }

    /// <summary>An announcement; each mention in it becomes a mention entity, so Teams notifies the person.</summary>
    public static Activity Announcement(Announcement announcement, string? locale, AdaptiveCard? card = null)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        return new()
        {
            Type = ActivityTypes.Message,
            Locale = locale,
            Text = announcement.Text,
            TextFormat = TextFormats.Markdown,
            Entities = [.. announcement.Mentions.Select(m => new Entity
            {
                Type = EntityTypes.Mention,
                Mentioned = new Account { Id = m.PersonKey, Name = m.Name },
                Text = m.Text,
            })],
            Attachments = card is null ? null : [Attachment.AdaptiveCard(card.ToJson())],
        };
    }
}
