using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using StuyfBot.Platform.Api;

namespace StuyfBot.Platform.Apps;

/// <summary>
/// Remembers the activities of the last minutes so a redelivered one (Teams resends when a bot
/// is slow) is handled once. A redelivered invoke gets the first one's response.
/// Two generations rotate by time or size, so memory stays bounded under any load.
/// An activity is remembered by a 128-bit hash of its conversation, type and id rather than by
/// those strings: at thousands of turns a second the strings were most of the bot's heap, and
/// every full collection walked them. A collision needs about 2^64 activities.
/// </summary>
public sealed class ActivityDeduplicator
{
    private static readonly Task<InvokeResponse?> NoResponse = Task.FromResult<InvokeResponse?>(null);

    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _maxPerGeneration;
    private readonly Lock _rotateLock = new();
    private Generation _current = new();
    private Generation _previous = new();
    private long _rotatedAt;

    public ActivityDeduplicator(TimeProvider time, TimeSpan window, int maxPerGeneration = 200_000)
    {
        _time = time;
        _window = window;
        _maxPerGeneration = maxPerGeneration;
        _rotatedAt = time.GetTimestamp();
    }

    /// <summary>
    /// Runs the turn unless the same activity was seen within the window; a duplicate gets the
    /// first run's result (awaited if it is still running).
    /// </summary>
    public async Task<(InvokeResponse? Response, bool Duplicate)> RunOnceAsync(Activity activity, Func<Task<InvokeResponse?>> turn)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(turn);
        if (string.IsNullOrEmpty(activity.Id))
        {
            return (await turn().ConfigureAwait(false), false);
        }

        RotateIfDue();
        var key = KeyOf(activity);
        var current = _current;
        if (_previous.Turns.TryGetValue(key, out var earlier))
        {
            return (await earlier.ConfigureAwait(false), true);
        }

        var mine = new TaskCompletionSource<InvokeResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var winner = current.Turns.GetOrAdd(key, mine.Task);
        if (!ReferenceEquals(winner, mine.Task))
        {
            return (await winner.ConfigureAwait(false), true);
        }

        Interlocked.Increment(ref current.Count);

        try
        {
            var response = await turn().ConfigureAwait(false);
            // Non-invoke turns keep a shared completed task rather than one per activity.
            current.Turns.TryUpdate(key, response is null ? NoResponse : Task.FromResult<InvokeResponse?>(response), mine.Task);
            mine.SetResult(response);
            return (response, false);
        }
        catch (Exception ex)
        {
            // A failed turn is forgotten, so the channel's retry can succeed.
            if (current.Turns.TryRemove(new KeyValuePair<UInt128, Task<InvokeResponse?>>(key, mine.Task)))
            {
                Interlocked.Decrement(ref current.Count);
            }

            mine.SetException(ex);
            throw;
        }
    }

    public int Count => Volatile.Read(ref _current.Count) + Volatile.Read(ref _previous.Count);

    private void RotateIfDue()
    {
        var elapsed = _time.GetElapsedTime(Interlocked.Read(ref _rotatedAt));
        // ConcurrentDictionary.Count takes every lock of the dictionary: on every turn it made
        // all concurrent turns wait for each other, so the generation counts its own entries.
        if (elapsed < _window && Volatile.Read(ref _current.Count) < _maxPerGeneration)
        {
            return;
        }

        lock (_rotateLock)
        {
            elapsed = _time.GetElapsedTime(_rotatedAt);
            if (elapsed < _window && Volatile.Read(ref _current.Count) < _maxPerGeneration)
            {
                return;
            }

            // After a long quiet spell both generations are stale.
            _previous = elapsed >= _window * 2 ? new() : _current;
            _current = new();
            Interlocked.Exchange(ref _rotatedAt, _time.GetTimestamp());
        }
    }

    /// <summary>Teams message ids are timestamps, unique only within a conversation.</summary>
    private static UInt128 KeyOf(Activity activity)
    {
        var conversation = activity.Conversation?.Id ?? string.Empty;
        var type = activity.Type ?? string.Empty;
        var id = activity.Id ?? string.Empty;
        var length = conversation.Length + type.Length + id.Length + 2;
        var buffer = length <= 512 ? stackalloc char[length] : new char[length];
        conversation.CopyTo(buffer);
        buffer[conversation.Length] = '|';
        type.CopyTo(buffer[(conversation.Length + 1)..]);
        buffer[conversation.Length + type.Length + 1] = '|';
        id.CopyTo(buffer[(conversation.Length + type.Length + 2)..]);
        return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(buffer));
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<UInt128, Task<InvokeResponse?>> Turns = new();

        /// <summary>Entries added, counted apart from <see cref="Turns"/> (see <see cref="RotateIfDue"/>).</summary>
        public int Count;
    }
}
