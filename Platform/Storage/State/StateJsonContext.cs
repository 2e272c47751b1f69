using System.Text.Json;
using System.Text.Json.Serialization;

namespace StuyfBot.Platform.Storage.State;

/// <summary>Source-generated JSON of the storage layer's own documents.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HashSecret))]
public sealed partial class StateJsonContext : JsonSerializerContext;
