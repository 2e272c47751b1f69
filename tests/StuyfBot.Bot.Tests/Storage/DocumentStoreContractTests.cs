using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Files;

namespace StuyfBot.Bot.Tests.Storage;

/// <summary>The contract on Azure Blob Storage's emulator, Azurite 3.35.0, over real HTTP.</summary>
public sealed class BlobDocumentStoreContractTests : DocumentStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public BlobDocumentStoreContractTests(AzuriteFixture azurite) => _azurite = azurite;

    protected override async Task<IDocumentStore> NewStoreAsync()
    {
        var store = _azurite.NewStore();
        await store.EnsureReadyAsync(default);
        return store;
    }
}

/// <summary>The contract on the local folder store.</summary>
public sealed class FileDocumentStoreContractTests : DocumentStoreContract, IDisposable
{
    private readonly List<(TempFolder Folder, FileDocumentStore Store)> _stores = [];

    protected override async Task<IDocumentStore> NewStoreAsync()
    {
        var folder = new TempFolder();
        var store = new FileDocumentStore(folder.Path);
        _stores.Add((folder, store));
        await store.EnsureReadyAsync(default);
        return store;
    }

    public void Dispose()
    {
        foreach (var (folder, store) in _stores)
        {
            store.Dispose();
            folder.Dispose();
        }
    }
}
