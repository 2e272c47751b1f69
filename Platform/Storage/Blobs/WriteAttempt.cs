using Azure.Core;
using Azure.Core.Pipeline;

namespace StuyfBot.Platform.Storage.Blobs;

/// <summary>
/// One write as the caller sees it, however often the SDK sends it: its id (stored as blob
/// metadata) and whether the SDK retried it. A 409 or 412 on a retry may be the answer to our own
/// first attempt, stored but its answer lost; without a retry it never is.
/// </summary>
internal sealed class WriteAttempt
{
    private const string Property = "StuyfBot.WriteAttempt";

    private readonly Dictionary<string, object?> _properties;

    public WriteAttempt() => _properties = new(1) { [Property] = this };

    public string WriteId { get; } = Guid.NewGuid().ToString("N");

    public bool Retried { get; private set; }

    /// <summary>Every request the SDK sends within the scope carries this attempt, for <see cref="RetryWitness"/>.</summary>
    public IDisposable Scope() => HttpPipeline.CreateHttpMessagePropertiesScope(_properties);

    /// <summary>Runs on every try (after the retry policy) and notes the retries of a write.</summary>
    internal sealed class RetryWitness : HttpPipelineSynchronousPolicy
    {
        public static RetryWitness Instance { get; } = new();

        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (message.ProcessingContext.RetryNumber > 0 && message.TryGetProperty(Property, out var value) && value is WriteAttempt attempt)
            {
                attempt.Retried = true;
            }
        }
    }
}
