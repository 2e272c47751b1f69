// Usage: dotnet StuyfBot.Floor.dll --urls http://127.0.0.1:3990
// POST /api/messages: parse the activity, post one text reply to its serviceUrl, answer 200.
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default));
var app = builder.Build();
using var connector = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

app.MapPost("/api/messages", async (HttpContext http) =>
{
    var activity = await JsonSerializer.DeserializeAsync(http.Request.Body, FloorJson.Default.FloorActivity, http.RequestAborted).ConfigureAwait(false);
    if (activity?.ServiceUrl is null || activity.Conversation?.Id is null)
    {
        return Results.BadRequest();
    }

    var reply = new FloorActivity
    {
        Type = "message",
        Text = "Hallo " + activity.From?.Name,
        From = activity.Recipient,
        Recipient = activity.From,
        Conversation = activity.Conversation,
        ReplyToId = activity.Id,
    };
    var url = $"{activity.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(activity.Conversation.Id)}/activities/{Uri.EscapeDataString(activity.Id ?? string.Empty)}";
    using var content = new StringContent(JsonSerializer.Serialize(reply, FloorJson.Default.FloorActivity), Encoding.UTF8, "application/json");
    using var response = await connector.PostAsync(url, content, http.RequestAborted).ConfigureAwait(false);
    return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
});

await app.RunAsync().ConfigureAwait(false);

internal sealed class FloorActivity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? ServiceUrl { get; set; }

    public string? Text { get; set; }

    public string? ReplyToId { get; set; }

    public FloorAccount? From { get; set; }

    public FloorAccount? Recipient { get; set; }

    public FloorAccount? Conversation { get; set; }
}

internal sealed class FloorAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

[JsonSerializable(typeof(FloorActivity))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class FloorJson : JsonSerializerContext;
