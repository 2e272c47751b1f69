namespace StuyfBot.Platform.Storage;

/// <summary>
/// Where the bot keeps what it remembers (configuration section "Storage"). One of
/// <see cref="ConnectionString"/> or <see cref="AccountUrl"/> selects Azure Blob Storage;
/// with neither, documents go into the local folder <see cref="DataPath"/>.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// An Azure Storage connection string with an account key or a SAS (Azurite's
    /// <c>UseDevelopmentStorage=true</c> included), parsed by Azure.Storage.Blobs.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The blob endpoint of a storage account (https://account.blob.core.windows.net), reached with
    /// a managed identity or another Entra credential: no keys at all.
    /// </summary>
    public string? AccountUrl { get; set; }

    /// <summary>The one blob container that holds everything.</summary>
    public string Container { get; set; } = "stuyfbot";

    /// <summary>The local data folder when no storage account is set: absolute, or relative to the content root.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>How often a load-decide-commit is tried when other writers keep winning.</summary>
    public int MaxCommitAttempts { get; set; } = 10;

    internal const string ConnectionStringSetting = Section + ":" + nameof(ConnectionString);
    internal const string AccountUrlSetting = Section + ":" + nameof(AccountUrl);
    internal const string ContainerSetting = Section + ":" + nameof(Container);
    internal const string DataPathSetting = Section + ":" + nameof(DataPath);

    internal bool UsesBlobStorage => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(AccountUrl);

    /// <summary>The setting to name when the store it selects turns out to be unusable.</summary>
    internal string SelectedSetting =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionStringSetting
        : !string.IsNullOrWhiteSpace(AccountUrl) ? AccountUrlSetting
        : DataPathSetting;
}
