using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Hosting;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.Files;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Platform.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The document store chosen by the "Storage" settings, the state layer on top of it, and the startup check that stops the bot when storage is unusable.
    /// A <see cref="TokenCredential"/> registered before this replaces the managed identity.
    /// </summary>
    public static IServiceCollection AddStuyfBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<IDocumentStore>(sp => CreateStore(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IOptions<BotOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetService<TokenCredential>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<StateStore>();
        services.AddSingleton<KeyedHashProvider>();
        services.AddHostedService<StorageStartupCheck>();
        return services;
    }

    /// <summary>Builds the store the settings select; a wrong setting is a <see cref="StorageSettingException"/> naming it.</summary>
    public static IDocumentStore CreateStore(StorageOptions storage, BotOptions bot, string contentRoot, TokenCredential? credential, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(loggers);
        var hasConnectionString = !string.IsNullOrWhiteSpace(storage.ConnectionString);
        var hasAccountUrl = !string.IsNullOrWhiteSpace(storage.AccountUrl);
        if (hasConnectionString && hasAccountUrl)
        {
            throw new StorageSettingException(StorageOptions.ConnectionStringSetting, $"set either it or {StorageOptions.AccountUrlSetting}, not both.");
        }

        if ((hasConnectionString || hasAccountUrl) && !BlobDocumentStore.IsValidContainerName(storage.Container))
        {
            throw new StorageSettingException(StorageOptions.ContainerSetting, $"'{storage.Container}' is not a valid container name (3-63 lowercase letters, digits and single hyphens).");
        }

        if (hasConnectionString)
        {
            try
            {
                return BlobDocumentStore.WithConnectionString(storage.ConnectionString!, storage.Container, loggers.CreateLogger<BlobDocumentStore>());
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                // The SDK's messages never repeat the string (it holds the key), nor say much: add the shapes it takes.
                throw new StorageSettingException(
                    StorageOptions.ConnectionStringSetting,
                    $"not a valid storage connection string ({ex.Message}): give AccountName and AccountKey (with BlobEndpoint or EndpointSuffix outside Azure's public cloud), BlobEndpoint and SharedAccessSignature, or UseDevelopmentStorage=true.",
                    ex);
            }
        }

        if (hasAccountUrl)
        {
            if (!Uri.TryCreate(storage.AccountUrl, UriKind.Absolute, out var accountUrl) || accountUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw new StorageSettingException(StorageOptions.AccountUrlSetting, $"'{storage.AccountUrl}' is not an https URL such as https://<account>.blob.core.windows.net.");
            }

            credential ??= string.IsNullOrWhiteSpace(bot.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(bot.ManagedIdentityClientId));
            return BlobDocumentStore.WithToken(accountUrl, storage.Container, credential, loggers.CreateLogger<BlobDocumentStore>());
        }

        if (string.IsNullOrWhiteSpace(storage.DataPath))
        {
            throw new StorageSettingException(StorageOptions.DataPathSetting, "is empty: give a folder, or set Storage:ConnectionString or Storage:AccountUrl.");
        }

        try
        {
            var store = new FileDocumentStore(Path.GetFullPath(storage.DataPath, contentRoot));
            FileDocumentStore.ReserveThreadsForFlushes();
            return store;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StorageSettingException(StorageOptions.DataPathSetting, $"'{storage.DataPath}' is not a usable folder path: {ex.Message}", ex);
        }
    }
}
