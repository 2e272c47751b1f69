using System.Net;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// A Bot Connector call that failed: the connector's status code (none when the connector was
/// not reached or did not answer in time), the operation, and the connector's short error code.
/// The message never carries response bodies, tokens or conversation ids.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
        : this("The Bot Connector call failed.")
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public ConnectorException(string operation, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
    }

    /// <summary>The connector operation, e.g. SendToConversation (the Bot Framework REST names).</summary>
    public string Operation { get; }

    /// <summary>The HTTP status the connector answered; null when there was no answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The connector's error code (e.g. ConversationBlockedByUser), when it sent one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>How long the connector asked to wait, when it did (429, 503).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
