namespace StuyfBot.Platform.Storage;

/// <summary>
/// The store could not be reached or refused to work (network down, timeouts, 5xx after retries,
/// refused credentials, a full disk). Nothing was changed by the failed call; the turn answers
/// with a friendly "try again".
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A storage setting is wrong or what it points at is unusable; the message names the setting.</summary>
public sealed class StorageSettingException : Exception
{
    public StorageSettingException()
    {
    }

    public StorageSettingException(string message)
        : base(message)
    {
    }

    public StorageSettingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public StorageSettingException(string setting, string problem, Exception? innerException = null)
        : base($"{setting}: {problem}", innerException)
    {
        Setting = setting;
    }

    /// <summary>The configuration key at fault, e.g. <c>Storage:ConnectionString</c>.</summary>
    public string? Setting { get; }
}

/// <summary>
/// A stored document cannot be read by this code: not the expected kind, not JSON, or written by a
/// newer schema version (which this code must not overwrite).
/// </summary>
public sealed class StoredDocumentException : Exception
{
    public StoredDocumentException()
    {
    }

    public StoredDocumentException(string message)
        : base(message)
    {
    }

    public StoredDocumentException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
