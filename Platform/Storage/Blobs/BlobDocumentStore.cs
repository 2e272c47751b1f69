using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace StuyfBot.Platform.Storage.Blobs;

/// <summary>
/// Documents as block blobs in one container, on Azure.Storage.Blobs (retries with back-off,
/// SharedKey, SAS or bearer authentication). Create-only is <c>If-None-Match: *</c> (409 when it
/// exists); replace and delete are <c>If-Match</c> (412 when the ETag moved on): both become
/// <see cref="WriteStatus.Conflict"/>.
/// </summary>
public sealed partial class BlobDocumentStore : IDocumentStore
{
    private const string WriteIdMetadata = "writeid";

    private readonly BlobContainerClient _container;
    private readonly ILogger _log;
    private volatile bool _containerReady;

    /// <summary>Only on clients made with <see cref="ClientOptions"/>: the pinned version, short retries, the retry witness.</summary>
    private BlobDocumentStore(BlobContainerClient container, ILogger<BlobDocumentStore> log)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!IsValidContainerName(container.Name))
        {
            throw new ArgumentException($"'{container.Name}' is not a valid container name (3-63 lowercase letters, digits and single hyphens).", nameof(container));
        }

        _container = container;
        _log = log;

        // A SAS would be in the query: never show it.
        Location = container.Uri.GetLeftPart(UriPartial.Path);
    }

    public string Location { get; }

    /// <summary>
    /// A store for a connection string (an account key, a SAS, or Azurite's
    /// <c>UseDevelopmentStorage=true</c>). A malformed string is a <see cref="FormatException"/>
    /// or an <see cref="ArgumentException"/>, as the SDK throws them.
    /// </summary>
    public static BlobDocumentStore WithConnectionString(string connectionString, string container, ILogger<BlobDocumentStore> log, Action<BlobClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var service = new BlobServiceClient(connectionString, ClientOptions(configure));
        if (service.Uri.Scheme != Uri.UriSchemeHttps && service.Uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new FormatException("BlobEndpoint is not an http(s) URL.");
        }

        return new BlobDocumentStore(service.GetBlobContainerClient(container), log);
    }

    /// <summary>A store for an account URL: bearer tokens from an Entra credential (managed identity in Azure).</summary>
    public static BlobDocumentStore WithToken(Uri accountUrl, string container, TokenCredential credential, ILogger<BlobDocumentStore> log, Action<BlobClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(accountUrl);
        return new BlobDocumentStore(new BlobServiceClient(accountUrl, credential, ClientOptions(configure)).GetBlobContainerClient(container), log);
    }

    /// <summary>
    /// The options every client of this store is made with; <paramref name="configure"/> may add a
    /// transport or policies (tests), not change the service version.
    /// </summary>
    private static BlobClientOptions ClientOptions(Action<BlobClientOptions>? configure = null)
    {
        // Azurite 3.35 refuses the SDK's default service version (2026-10-06) with 400
        // InvalidHeaderValue; 2025-11-05 is the newest of the SDK's versions it accepts (not
        // 2026-02-06), and without --skipApiVersionCheck the tests on Azurite prove
        // the version the bot speaks to Azure. Raise it together with the Azurite pin in tests/peers.
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_11_05);

        // Short retries: a turn should answer "try again" within seconds, not minutes.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        options.Diagnostics.ApplicationId = "StuyfBot";
        options.AddPolicy(WriteAttempt.RetryWitness.Instance, HttpPipelinePosition.PerRetry);
        configure?.Invoke(options);
        return options;
    }

    public static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await CreateContainerAsync(cancellationToken).ConfigureAwait(false);

        // Creating a container proves little when it already exists: write, read and delete a probe.
        var probe = $"system/probes/{Guid.NewGuid():N}.json";
        var written = await CreateAsync(probe, "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var read = await ReadAsync(probe, cancellationToken).ConfigureAwait(false);
        if (!written.IsWritten || read is null || read.ETag != written.ETag)
        {
            throw new StorageUnavailableException($"Blob storage {Location} did not keep a probe document.");
        }

        await DeleteAsync(probe, read.ETag, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        try
        {
            var result = (await _container.GetBlobClient(key).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            return new StoredDocument(key, result.Content.ToMemory(), result.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Unavailable(ex, "read", key);
        }
    }

    public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        return PutAsync(key, content, ifMatch: null, cancellationToken);
    }

    public Task<WriteResult> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string ifMatch, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return PutAsync(key, content, ifMatch, cancellationToken);
    }

    public async Task<DeleteResult> DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken)
    {
        DocumentKey.Validate(key);
        var blob = _container.GetBlobClient(key);
        try
        {
            var conditions = ifMatch is null ? null : new BlobRequestConditions { IfMatch = new ETag(ifMatch) };
            await blob.DeleteAsync(DeleteSnapshotsOption.None, conditions, cancellationToken).ConfigureAwait(false);
            return DeleteResult.Deleted;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return DeleteResult.NotFound;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A failed If-Match on a blob that is gone is "not found", as in the file store.
            return await ExistsAsync(blob, cancellationToken).ConfigureAwait(false) ? DeleteResult.Conflict : DeleteResult.NotFound;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Unavailable(ex, "delete", key);
        }
    }

    public async Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        DocumentKey.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        try
        {
            // The service lists names in ordinal order (keys are ASCII), one page per call here.
            var pages = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken)
                .AsPages(string.IsNullOrEmpty(continuationToken) ? null : continuationToken, Math.Min(pageSize, 5000));
            await foreach (var page in pages.ConfigureAwait(false))
            {
                var keys = new List<string>(page.Values.Count);
                foreach (var item in page.Values)
                {
                    keys.Add(item.Name);
                }

                return new DocumentPage(keys, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new DocumentPage([], null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new DocumentPage([], null);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Unavailable(ex, "list", prefix);
        }
    }

    private async Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var operation = ifMatch is null ? "create" : "replace";
        var blob = _container.GetBlobClient(key);
        var attempt = new WriteAttempt();
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = DocumentKey.ContentTypeOf(key) },
            Metadata = new Dictionary<string, string>(1) { [WriteIdMetadata] = attempt.WriteId },
            Conditions = ifMatch is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(ifMatch) },
        };
        for (var round = 0; ; round++)
        {
            try
            {
                using (attempt.Scope())
                {
                    var info = (await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false)).Value;
                    return WriteResult.Written(info.ETag.ToString());
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 412
                || (ex.Status == 409 && ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
                || (ex.Status == 404 && ifMatch is not null))
            {
                // A retried request may have been stored the first time, its answer lost:
                // then the "conflict" is our own write, recognisable by its write id.
                return attempt.Retried
                    ? await OwnWriteAsync(blob, attempt.WriteId, cancellationToken).ConfigureAwait(false)
                    : WriteResult.Conflict;
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == BlobErrorCode.ContainerNotFound && round == 0)
            {
                // Never made, or deleted since (an emulator restarted without its data).
                _containerReady = false;
                await CreateContainerAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsFailure(ex, cancellationToken))
            {
                throw Unavailable(ex, operation, key);
            }
        }
    }

    private async Task<bool> ExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Unavailable(ex, "check", blob.Name);
        }
    }

    private async Task<WriteResult> OwnWriteAsync(BlobClient blob, string writeId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (properties.Metadata.TryGetValue(WriteIdMetadata, out var stored) && stored == writeId)
            {
                LogOwnWrite(blob.Name);
                return WriteResult.Written(properties.ETag.ToString());
            }

            return WriteResult.Conflict;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return WriteResult.Conflict;
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Unavailable(ex, "check", blob.Name);
        }
    }

    private async Task CreateContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        try
        {
            if (await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            {
                LogContainerCreated(Location);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 403 && ex.ErrorCode == BlobErrorCode.AuthorizationPermissionMismatch)
        {
            // An identity allowed to use blobs but not to create containers: the container
            // may exist already (made by the deployment); the probe that follows tells.
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Unavailable(ex, "create the container", string.Empty);
        }

        _containerReady = true;
    }

    /// <summary>What the SDK throws when storage is unreachable or refuses; the caller's own cancellation passes through.</summary>
    private static bool IsFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is RequestFailedException or AggregateException or HttpRequestException or IOException or AuthenticationFailedException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private StorageUnavailableException Unavailable(Exception ex, string operation, string key)
    {
        if (ex is RequestFailedException { Status: > 0 } refused)
        {
            var code = refused.ErrorCode ?? refused.GetRawResponse()?.ReasonPhrase;
            var hint = refused.Status == 403 ? " (check the account key or the identity's role on the account)" : string.Empty;
            return new StorageUnavailableException($"Blob storage {Location} refused to {operation}{Quoted(key)}: {refused.Status} {code}{hint}", ex);
        }

        return new StorageUnavailableException($"Blob storage {Location} could not be reached to {operation}{Quoted(key)}: {Innermost(ex).Message}", ex);
    }

    private static string Quoted(string key) => key.Length == 0 ? string.Empty : $" '{key}'";

    private static Exception Innermost(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            ex = aggregate.InnerExceptions[^1];
        }

        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the blob container {Container}")]
    private partial void LogContainerCreated(string container);

    [LoggerMessage(Level = LogLevel.Information, Message = "A retried write of {Key} had been stored the first time")]
    private partial void LogOwnWrite(string key);
}
