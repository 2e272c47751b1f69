using System.Text.Json;
using System.Text.Json.Serialization;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Delivery;

/// <summary>
/// What the bot keeps about a person: the reference to their 1:1 conversation with the bot, the
/// way to reach them later (recaps, timer warnings, follow-ups), and when it was first and last
/// changed. Nothing else.
/// </summary>
public sealed record PersonRecord(ConversationReference Reference, DateTimeOffset FirstSeen, DateTimeOffset Changed)
{
    public static DocumentKind<PersonRecord> Kind { get; } = new("person", 1, PeopleJsonContext.Default.PersonRecord);

    /// <summary>True when the stored reference still reaches the person the way this one does.</summary>
    public bool Reaches(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Reference.ServiceUrl == reference.ServiceUrl
            && Reference.ConversationId == reference.ConversationId
            && Reference.ChannelId == reference.ChannelId
            && Reference.Bot?.Id == reference.Bot?.Id
            && Reference.Locale == reference.Locale;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PersonRecord))]
public sealed partial class PeopleJsonContext : JsonSerializerContext;
