using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace StuyfBot.Bot.Storage.Blobs;

/// <summary>
/// Documents as block blobs in one container, over the Blob service REST API on Azure.Core's
/// HttpPipeline (retries with back-off, logging, SharedKey or bearer authentication).
/// Create-only is <c>If-None-Match: *</c> (409 when it exists); replace and delete are
/// <c>If-Match</c> (412 when the ETag moved on): both become <see cref="WriteStatus.Conflict"/>.
/// </summary>
public sealed partial class BlobDocumentStore : IDocumentStore
{
    /// <summary>The Blob service version spoken (Azurite 3.35 and Azure both accept it).</summary>
    public const string ServiceVersion = "2021-08-06";

    private const string WriteIdHeader = "x-ms-meta-writeid";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _container;
    private readonly ILogger _log;
    private volatile bool _containerReady;

    public BlobDocumentStore(Uri blobEndpoint, string container, HttpPipeline pipeline, ILogger<BlobDocumentStore> log)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(pipeline);
        if (!IsValidContainerName(container))
        {
            throw new ArgumentException($"'{container}' is not a valid container name (3-63 lowercase letters, digits and single hyphens).", nameof(container));
        }

        _container = new Uri(blobEndpoint.AbsoluteUri.TrimEnd('/') + "/" + container);
        _pipeline = pipeline;
        _log = log;
    }

    public string Location => _container.AbsoluteUri;

    /// <summary>A store for a connection string: requests signed with the account key.</summary>
    public static BlobDocumentStore WithSharedKey(StorageConnectionString connection, string container, ILogger<BlobDocumentStore> log, HttpPipelineTransportOptions? transport = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new BlobDocumentStore(
            connection.BlobEndpoint,
            container,
            BuildPipeline(new SharedKeyPolicy(connection.AccountName, connection.AccountKey), transport),
            log);
    }

    /// <summary>A store for an account URL: bearer tokens from an Entra credential (managed identity in Azure).</summary>
    public static BlobDocumentStore WithToken(Uri accountUrl, string container, TokenCredential credential, ILogger<BlobDocumentStore> log, HttpPipelineTransportOptions? transport = null)
    {
        ArgumentNullException.ThrowIfNull(accountUrl);
        return new BlobDocumentStore(
            accountUrl,
            container,
            BuildPipeline(new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default"), transport),
            log);
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
        using var message = Message(RequestMethod.Get, key);
        await SendAsync(message, "read", key, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        return response.Status switch
        {
            200 => new StoredDocument(key, response.Content.ToArray(), ETagOf(response)),
            404 => null,
            _ => throw Unexpected(response, "read", key),
        };
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
        using var message = Message(RequestMethod.Delete, key);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        await SendAsync(message, "delete", key, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        return response.Status switch
        {
            202 or 200 => DeleteResult.Deleted,
            404 => DeleteResult.NotFound,
            // A failed If-Match on a blob that is gone is "not found", as in the file store.
            412 => await ExistsAsync(key, cancellationToken).ConfigureAwait(false) ? DeleteResult.Conflict : DeleteResult.NotFound,
            _ => throw Unexpected(response, "delete", key),
        };
    }

    public async Task<DocumentPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        DocumentKey.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Get;
        request.Uri.Reset(_container);
        request.Uri.AppendQuery("restype", "container");
        request.Uri.AppendQuery("comp", "list");
        if (prefix.Length > 0)
        {
            request.Uri.AppendQuery("prefix", prefix);
        }

        request.Uri.AppendQuery("maxresults", Math.Min(pageSize, 5000).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(continuationToken))
        {
            request.Uri.AppendQuery("marker", continuationToken);
        }

        request.Headers.SetValue("x-ms-version", ServiceVersion);
        await SendAsync(message, "list", prefix, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404)
        {
            return new DocumentPage([], null);
        }

        if (response.Status != 200)
        {
            throw Unexpected(response, "list", prefix);
        }

        var xml = XDocument.Load(response.Content.ToStream());
        var keys = xml.Root?.Element("Blobs")?.Elements("Blob").Select(b => (string?)b.Element("Name")).OfType<string>().ToList() ?? [];
        var next = (string?)xml.Root?.Element("NextMarker");
        return new DocumentPage(keys, string.IsNullOrEmpty(next) ? null : next);
    }

    private static HttpPipeline BuildPipeline(HttpPipelinePolicy authentication, HttpPipelineTransportOptions? transport)
    {
        var options = new BlobClientOptions();
        return transport is null
            ? HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier())
            : HttpPipelineBuilder.Build(options, [], [authentication], transport, new ResponseClassifier());
    }

    private async Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var writeId = Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            using var message = Message(RequestMethod.Put, key);
            var request = message.Request;
            request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
            request.Headers.SetValue("Content-Type", DocumentKey.ContentTypeOf(key));
            request.Headers.SetValue(WriteIdHeader, writeId);
            request.Headers.SetValue(ifMatch is null ? "If-None-Match" : "If-Match", ifMatch ?? "*");
            request.Content = RequestContent.Create(content);
            await SendAsync(message, ifMatch is null ? "create" : "replace", key, cancellationToken).ConfigureAwait(false);
            var response = message.Response;
            switch (response.Status)
            {
                case 201:
                    return WriteResult.Written(ETagOf(response));
                case 409 when ErrorCode(response) == "BlobAlreadyExists":
                case 412:
                case 404 when ifMatch is not null:
                    // A retried request may have been stored the first time, its answer lost:
                    // then the "conflict" is our own write, recognisable by its write id.
                    return message.ProcessingContext.RetryNumber > 0
                        ? await OwnWriteAsync(key, writeId, cancellationToken).ConfigureAwait(false)
                        : WriteResult.Conflict;
                case 404 when ErrorCode(response) == "ContainerNotFound" && attempt == 0:
                    // Never made, or deleted since (an emulator restarted without its data).
                    _containerReady = false;
                    await CreateContainerAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    throw Unexpected(response, ifMatch is null ? "create" : "replace", key);
            }
        }
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Head, key);
        await SendAsync(message, "check", key, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            200 => true,
            404 => false,
            _ => throw Unexpected(message.Response, "check", key),
        };
    }

    private async Task<WriteResult> OwnWriteAsync(string key, string writeId, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Head, key);
        await SendAsync(message, "check", key, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 200 && response.Headers.TryGetValue(WriteIdHeader, out var stored) && stored == writeId)
        {
            LogOwnWrite(key);
            return WriteResult.Written(ETagOf(response));
        }

        return WriteResult.Conflict;
    }

    private async Task CreateContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(_container);
        message.Request.Uri.AppendQuery("restype", "container");
        message.Request.Headers.SetValue("x-ms-version", ServiceVersion);
        await SendAsync(message, "create the container", string.Empty, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        switch (response.Status)
        {
            case 201:
                LogContainerCreated(Location);
                break;
            case 409:
                break;
            case 403 when ErrorCode(response) == "AuthorizationPermissionMismatch":
                // An identity allowed to use blobs but not to create containers: the container
                // may exist already (made by the deployment); the probe that follows tells.
                break;
            default:
                throw Unexpected(response, "create the container", string.Empty);
        }

        _containerReady = true;
    }

    private HttpMessage Message(RequestMethod method, string key)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_container.AbsoluteUri + "/" + key));
        message.Request.Headers.SetValue("x-ms-version", ServiceVersion);
        return message;
    }

    private async Task SendAsync(HttpMessage message, string operation, string key, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException or IOException or OperationCanceledException or AuthenticationFailedException)
        {
            throw new StorageUnavailableException($"Blob storage {Location} could not be reached to {operation}{Quoted(key)}: {Innermost(ex).Message}", ex);
        }
    }

    private StorageUnavailableException Unexpected(Response response, string operation, string key)
    {
        var code = ErrorCode(response) ?? response.ReasonPhrase;
        var hint = response.Status == 403 ? " (check the account key or the identity's role on the account)" : string.Empty;
        return new StorageUnavailableException($"Blob storage {Location} refused to {operation}{Quoted(key)}: {response.Status} {code}{hint}");
    }

    private static string Quoted(string key) => key.Length == 0 ? string.Empty : $" '{key}'";

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) && !string.IsNullOrEmpty(etag)
            ? etag
            : throw new StorageUnavailableException("Blob storage answered without an ETag.");

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

    /// <summary>Short retries: a turn should answer "try again" within seconds, not minutes.</summary>
    private sealed class BlobClientOptions : ClientOptions
    {
        public BlobClientOptions()
        {
            Retry.Mode = RetryMode.Exponential;
            Retry.MaxRetries = 3;
            Retry.Delay = TimeSpan.FromMilliseconds(200);
            Retry.MaxDelay = TimeSpan.FromSeconds(2);
            Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            Diagnostics.ApplicationId = "StuyfBot";
        }
    }
}
