using System.Security.Cryptography;
using System.Text;

namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// Turns identifiers that point at people (Teams and Entra user ids, tenant ids, conversation
/// ids) into key segments that do not: HMAC-SHA256 with a secret, 128 bits as lowercase hex (so
/// case-insensitive file systems cannot fold two keys into one). Without the secret, a key cannot
/// be tied back to a person by hashing candidate ids.
/// </summary>
public sealed class KeyedHash
{
    private readonly byte[] _secret;

    public KeyedHash(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The keyed-hash secret needs at least 32 bytes.", nameof(secret));
        }

        _secret = secret;
    }

    public string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(value), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }
}

/// <summary>
/// The keyed-hash secret, kept in the store itself (<see cref="StateKeys.HashSecret"/>): made
/// once by whichever instance starts first (create-only, so two instances starting together
/// agree), read by every other at startup. Keeping it next to the data means no extra setting
/// to deploy and keep in sync between instances; someone who can read the store can read the
/// documents themselves anyway, so the secret protects names in logs, listings and URLs, which
/// is what it is for.
/// </summary>
public sealed class KeyedHashProvider
{
    private static readonly DocumentKind<HashSecret> Kind = new("hash-secret", 1, StateJsonContext.Default.HashSecret);

    private readonly StateStore _state;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private Task<KeyedHash>? _loading;

    public KeyedHashProvider(StateStore state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    /// <summary>The hash; the first call loads (or makes) the secret, later calls cost nothing.</summary>
    public ValueTask<KeyedHash> GetAsync(CancellationToken cancellationToken)
    {
        var loading = _loading;
        return loading is { IsCompletedSuccessfully: true }
            ? ValueTask.FromResult(loading.Result)
            : new ValueTask<KeyedHash>(StartLoading().WaitAsync(cancellationToken));
    }

    private Task<KeyedHash> StartLoading()
    {
        lock (_lock)
        {
            // A failed load (storage down) is tried again by the next caller.
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = LoadAsync();
            }

            return _loading;
        }
    }

    private async Task<KeyedHash> LoadAsync()
    {
        // Shared by all callers, so not cancelled by any one of them.
        var existing = await _state.ReadAsync(StateKeys.HashSecret, Kind, CancellationToken.None).ConfigureAwait(false);
        if (existing is not null)
        {
            return new KeyedHash(Convert.FromBase64String(existing.Value.Secret));
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        var created = await _state.TryCreateAsync(StateKeys.HashSecret, Kind, new HashSecret(Convert.ToBase64String(secret), _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        if (created is not null)
        {
            return new KeyedHash(secret);
        }

        // Another instance made it a moment ago: use theirs.
        var theirs = await _state.ReadAsync(StateKeys.HashSecret, Kind, CancellationToken.None).ConfigureAwait(false)
            ?? throw new StorageUnavailableException($"'{StateKeys.HashSecret}' exists and yet cannot be read.");
        return new KeyedHash(Convert.FromBase64String(theirs.Value.Secret));
    }
}

/// <summary>The stored keyed-hash secret (base64, 32 random bytes).</summary>
public sealed record HashSecret(string Secret, DateTimeOffset Created);
