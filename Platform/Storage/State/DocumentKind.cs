using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// A kind of stored document: its name, the schema version this code writes, and its JSON
/// contract. Every document is stored as <c>{"schemaVersion":n,"kind":"...","data":{...}}</c>,
/// so a later version of the bot knows what it reads. Older versions are read as they are
/// (added fields get their defaults); a newer version is refused rather than overwritten.
/// </summary>
public sealed class DocumentKind<T>
{
    public DocumentKind(string name, int schemaVersion, JsonTypeInfo<T> typeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        ArgumentNullException.ThrowIfNull(typeInfo);
        Name = name;
        SchemaVersion = schemaVersion;
        TypeInfo = typeInfo;
    }

    public string Name { get; }

    public int SchemaVersion { get; }

    public JsonTypeInfo<T> TypeInfo { get; }

    public byte[] Serialize(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("kind", Name);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, value, TypeInfo);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public T Deserialize(string key, ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version) || !version.TryGetInt32(out var schemaVersion)
                || !root.TryGetProperty("data", out var data))
            {
                throw new StoredDocumentException($"'{key}' is not a stored document (schemaVersion and data are required).");
            }

            if (root.TryGetProperty("kind", out var kind) && kind.GetString() != Name)
            {
                throw new StoredDocumentException($"'{key}' holds a '{kind.GetString()}' document, not a '{Name}'.");
            }

            if (schemaVersion > SchemaVersion)
            {
                throw new StoredDocumentException($"'{key}' was written with schema version {schemaVersion} of '{Name}'; this bot knows up to {SchemaVersion} and will not overwrite it.");
            }

            return data.Deserialize(TypeInfo) ?? throw new StoredDocumentException($"'{key}' has no data.");
        }
        catch (JsonException ex)
        {
            throw new StoredDocumentException($"'{key}' is not valid JSON for '{Name}': {ex.Message}", ex);
        }
    }
}

/// <summary>A document's value with the ETag it was read or written with.</summary>
public sealed record Versioned<T>(T Value, string ETag);
