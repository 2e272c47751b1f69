using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Platform.Storage;

/// <summary>
/// The answer to a turn that failed because storage was unavailable: "try again" in the reader's
/// language, as a reply to a message or as the error of a card action. Nothing was stored, so
/// trying again is safe.
/// </summary>
public static partial class StorageTryAgain
{
    public static async Task<InvokeResponse?> AnswerAsync(ActivityContext context, string text, StorageUnavailableException failure, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(log);
        LogFailure(log, failure, context.Activity.Type, context.Activity.Id);
        switch (context.Activity.Type)
        {
            case ActivityTypes.Invoke:
                return InvokeResponse.Error(StatusCodes.Status503ServiceUnavailable, "StorageUnavailable", text);
            case ActivityTypes.Message:
                try
                {
                    await context.Reply(text).ConfigureAwait(false);
                }
                catch (Api.Clients.ConnectorException ex)
                {
                    LogReplyFailed(log, ex, context.Activity.Id);
                }

                return null;
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage was unavailable during the {ActivityType} turn for activity {ActivityId}; asked to try again")]
    private static partial void LogFailure(ILogger log, Exception exception, string? activityType, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the try-again reply for activity {ActivityId}")]
    private static partial void LogReplyFailed(ILogger log, Exception exception, string? activityId);
}
