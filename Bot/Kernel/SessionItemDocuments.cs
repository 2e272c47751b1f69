using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// How a session's records are stored: one document kind, <c>session-item</c>, whose data names
/// its record type (<c>"type": "pitch" | "answer" | "next-step" | "note" | "note-strike"</c>), so
/// listing a session's items reads them all with one contract. Enums are strings.
/// </summary>
public static class SessionItemDocuments
{
    public static DocumentKind<SessionItem> Kind { get; } = new("session-item", 1, ItemTypeInfo());

    private static JsonTypeInfo<SessionItem> ItemTypeInfo()
    {
        // The record types live in Dialogs, which knows no JSON: the type names are given here.
        var options = new JsonSerializerOptions(SessionItemJsonContext.Default.Options)
        {
            TypeInfoResolver = SessionItemJsonContext.Default.WithAddedModifier(info =>
            {
                if (info.Type != typeof(SessionItem))
                {
                    return;
                }

                info.PolymorphismOptions = new JsonPolymorphismOptions
                {
                    TypeDiscriminatorPropertyName = "type",
                    UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
                    DerivedTypes =
                    {
                        new JsonDerivedType(typeof(PitchRecord), "pitch"),
                        new JsonDerivedType(typeof(AnswerRecord), "answer"),
                        new JsonDerivedType(typeof(NextStepRecord), "next-step"),
                        new JsonDerivedType(typeof(NoteRecord), "note"),
                        new JsonDerivedType(typeof(NoteStrikeRecord), "note-strike"),
                    },
                };
            }),
        };
        options.MakeReadOnly();
        return (JsonTypeInfo<SessionItem>)options.GetTypeInfo(typeof(SessionItem));
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionItem))]
[JsonSerializable(typeof(PitchRecord))]
[JsonSerializable(typeof(AnswerRecord))]
[JsonSerializable(typeof(NextStepRecord))]
[JsonSerializable(typeof(NoteRecord))]
[JsonSerializable(typeof(NoteStrikeRecord))]
public sealed partial class SessionItemJsonContext : JsonSerializerContext;
