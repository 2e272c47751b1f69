using System.Collections.Concurrent;
using StuyfBot.Bot.Api;

namespace StuyfBot.Bot.Apps;

/// <summary>
/// Remembers the activities of the last minutes so a redelivered one (Teams resends when a bot
/// is slow) is handled once. A redelivered invoke gets the first one's response.
/// Two generations rotate by time or size, so memory stays bounded under any load.
/// </summary>
public sealed class ActivityDeduplicator
{
    private static readonly Task<InvokeResponse?> NoResponse = Task.FromResult<InvokeResponse?>(null);

    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _maxPerGeneration;
    private readonly Lock _rotateLock = new();
    private ConcurrentDictionary<string, Task<InvokeResponse?>> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Task<InvokeResponse?>> _previous = new(StringComparer.Ordinal);
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
        // Teams message ids are timestamps, unique only within a conversation.
        var key = string.Concat(activity.Conversation?.Id, "|", activity.Type, "|", activity.Id);
        var current = _current;
        if (_previous.TryGetValue(key, out var earlier))
        {
            return (await earlier.ConfigureAwait(false), true);
        }

        var mine = new TaskCompletionSource<InvokeResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var winner = current.GetOrAdd(key, mine.Task);
        if (!ReferenceEquals(winner, mine.Task))
        {
            return (await winner.ConfigureAwait(false), true);
        }

        try
        {
            var response = await turn().ConfigureAwait(false);
            // Non-invoke turns keep a shared completed task rather than one per activity.
            current.TryUpdate(key, response is null ? NoResponse : Task.FromResult<InvokeResponse?>(response), mine.Task);
            mine.SetResult(response);
            return (response, false);
        }
        catch (Exception ex)
        {
            // A failed turn is forgotten, so the channel's retry can succeed.
            current.TryRemove(new KeyValuePair<string, Task<InvokeResponse?>>(key, mine.Task));
            mine.SetException(ex);
            throw;
        }
    }

    public int Count => _current.Count + _previous.Count;

    private void RotateIfDue()
    {
        var elapsed = _time.GetElapsedTime(Interlocked.Read(ref _rotatedAt));
        if (elapsed < _window && _current.Count < _maxPerGeneration)
        {
            return;
        }

        lock (_rotateLock)
        {
            elapsed = _time.GetElapsedTime(_rotatedAt);
            if (elapsed < _window && _current.Count < _maxPerGeneration)
            {
                return;
            }

            // After a long quiet spell both generations are stale.
            _previous = elapsed >= _window * 2 ? new(StringComparer.Ordinal) : _current;
            _current = new(StringComparer.Ordinal);
            Interlocked.Exchange(ref _rotatedAt, _time.GetTimestamp());
        }
    }
}
