using System.Net;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Delivery;

/// <summary>What one <see cref="DeliveryOutbox.DeliverOnceAsync"/> came to.</summary>
public enum DeliveryOutcome
{
    /// <summary>It went out now or before, or Teams refused it for good: nothing is left to do.</summary>
    Done,

    /// <summary>Another run is sending it now.</summary>
    InProgress,

    /// <summary>It did not go out (storage or Teams was unavailable): a later run sends it.</summary>
    Failed,
}

/// <param name="ActivityId">The posted activity's id.</param>
/// <param name="Reached">False: there was no way to reach the reader (e.g. no tenant to open a 1:1 chat in); recorded as undeliverable.</param>
public sealed record Sent(string? ActivityId, bool Reached = true);

/// <summary>
/// Sends a message once, however often it is asked to (a redelivered turn, a second instance, a
/// backstop reminder): the message is claimed create-only under its key before it is sent and
/// marked sent after. A claim whose sender died is taken over once its lease is past; a send that
/// failed gives its claim back so the next run sends at once. Used by every proactive message
/// that must not go out twice (the summary card, recaps, and what later features send).
/// </summary>
public sealed partial class DeliveryOutbox
{
    private readonly StateStore _state;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lease;
    private readonly ILogger<DeliveryOutbox> _log;

    public DeliveryOutbox(StateStore state, TimeProvider time, IOptions<ConnectorOptions> connector, ILogger<DeliveryOutbox> log)
    {
        ArgumentNullException.ThrowIfNull(connector);
        _state = state;
        _time = time;

        // A send takes at most the connector's whole retry budget and its wait for room in the rate
        // limits; a claim older than that (and a margin) belongs to a sender that died.
        _lease = connector.Value.TotalTimeout + connector.Value.MaxRateLimitWait + TimeSpan.FromSeconds(30);
        _log = log;
    }

    /// <summary>
    /// Sends unless the message went out (or is going out) already. <paramref name="key"/> is the
    /// delivery record's storage key (the caller's layout; no personal data in it);
    /// <paramref name="kind"/> its document kind (default <see cref="DeliveryRecord.Kind"/>).
    /// Failures are logged and returned, never thrown, except cancellation.
    /// </summary>
    public async Task<DeliveryOutcome> DeliverOnceAsync(
        string key, Func<CancellationToken, Task<Sent>> send, CancellationToken cancellationToken, DocumentKind<DeliveryRecord>? kind = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(send);
        kind ??= DeliveryRecord.Kind;
        var now = _time.GetUtcNow();
        Committed<DeliveryRecord, DeliveryClaim> claim;
        try
        {
            claim = await _state.UpdateAsync(key, kind, stored => DeliveryRecord.Claim(stored, now, _lease), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageUnavailableException or StoredDocumentException)
        {
            LogDeliveryFailed(key, ex);
            return DeliveryOutcome.Failed;
        }

        switch (claim.Result)
        {
            case DeliveryClaim.Done:
                return DeliveryOutcome.Done;
            case DeliveryClaim.InProgress:
                return DeliveryOutcome.InProgress;
            case DeliveryClaim.TakenOver:
                LogTakenOver(key);
                break;
        }

        Sent sent;
        try
        {
            sent = await send(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (IsPermanent(ex))
        {
            LogUndeliverable(key, (int?)ex.StatusCode, ex.ErrorCode);
            await RecordAsync(key, kind, claim.ETag!, new DeliveryRecord(DeliveryState.Undeliverable, _time.GetUtcNow(), null)).ConfigureAwait(false);
            return DeliveryOutcome.Done;
        }
        catch (Exception ex) when (ex is ConnectorException or StorageUnavailableException or StoredDocumentException)
        {
            // Not sent (a POST that may have arrived is never resent by the client): let a later run try.
            LogDeliveryFailed(key, ex);
            await ReleaseAsync(key, claim.ETag!).ConfigureAwait(false);
            return DeliveryOutcome.Failed;
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync(key, claim.ETag!).ConfigureAwait(false);
            throw;
        }

        if (!sent.Reached)
        {
            LogUnreachable(key);
        }

        var state = sent.Reached ? DeliveryState.Sent : DeliveryState.Undeliverable;
        await RecordAsync(key, kind, claim.ETag!, new DeliveryRecord(state, _time.GetUtcNow(), null, sent.ActivityId)).ConfigureAwait(false);
        return DeliveryOutcome.Done;
    }

    /// <summary>Marks the message final. Not cancellable: it went out, and saying so keeps it from going out again.</summary>
    private async Task RecordAsync(string key, DocumentKind<DeliveryRecord> kind, string etag, DeliveryRecord final)
    {
        try
        {
            var written = await _state.Documents.ReplaceAsync(key, kind.Serialize(final), etag, CancellationToken.None).ConfigureAwait(false);
            if (!written.IsWritten)
            {
                LogClaimLost(key);
            }
        }
        catch (StorageUnavailableException ex)
        {
            LogNotRecorded(key, ex);
        }
    }

    /// <summary>Gives the claim back after a failed send, so the next run sends at once instead of after the lease.</summary>
    private async Task ReleaseAsync(string key, string etag)
    {
        try
        {
            await _state.Documents.DeleteAsync(key, etag, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            LogNotReleased(key, ex);
        }
    }

    /// <summary>Teams refused this for good: the card or the person is not reachable this way, and asking again will not change it.</summary>
    private static bool IsPermanent(ConnectorException ex) =>
        ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} did not go out; a later run tries again")]
    private partial void LogDeliveryFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams refused {Key} for good ({Status} {ErrorCode}); not tried again")]
    private partial void LogUndeliverable(string key, int? status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No way to reach the reader of {Key} (the conversation has no tenant)")]
    private partial void LogUnreachable(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} was being sent by a run that stopped; sending it now (it may arrive twice)")]
    private partial void LogTakenOver(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} went out, but another run had taken it over meanwhile (it may arrive twice)")]
    private partial void LogClaimLost(string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Key} went out but could not be marked sent; it goes out again after the lease")]
    private partial void LogNotRecorded(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the claim {Key}; it is tried again after the lease")]
    private partial void LogNotReleased(string key, Exception exception);
}
