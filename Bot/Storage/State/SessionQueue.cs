namespace StuyfBot.Bot.Storage.State;

/// <summary>
/// Runs the commands for one session one at a time inside this process, while
/// other sessions run in parallel, so a burst on one session does not turn into a storm of ETag
/// conflicts. Across instances the ETag still catches the rare conflict. An idle session holds no
/// memory: its entry goes away with its last command.
/// </summary>
public sealed class SessionQueue
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many sessions have a command running or waiting.</summary>
    public int ActiveSessions
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<T> RunAsync<T>(string sessionId, Func<Task<T>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(command);
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(sessionId, out entry!))
            {
                _entries[sessionId] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await command().ConfigureAwait(false);
            }
            finally
            {
                entry.Gate.Release();
            }
        }
        finally
        {
            lock (_lock)
            {
                if (--entry.Users == 0)
                {
                    _entries.Remove(sessionId);
                    entry.Gate.Dispose();
                }
            }
        }
    }

    public async Task RunAsync(string sessionId, Func<Task> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await RunAsync(sessionId, async () =>
        {
            await command().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
