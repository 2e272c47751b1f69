using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// Keeps the bot's writes to each conversation within Teams' per-bot, per-thread limits
/// (Microsoft Learn, "Rate limiting for bots": 7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour).
/// A send reserves the earliest moment that fits all four windows and waits until then, so
/// bursts are spread out instead of answered with 429 by Teams.
/// </summary>
/// <remarks>
/// The three short windows are exact sliding logs (the last 60 send times); the hour window
/// counts sends in 5-minute buckets and over-counts by at most one bucket, so it errs on the
/// safe side. Each conversation has its own small lock; there is no lock shared by all of them.
/// A conversation is forgotten after an hour without sends (nothing is lost then). While more
/// than <see cref="ConnectorOptions.MaxTrackedConversations"/> are tracked, those idle for 30 s
/// go too (the hour window becomes best effort for them), and if that is not enough, those idle
/// for 2 s (then the 30 s window too); Teams' 429 with Retry-After is the backstop. So memory
/// stays near the maximum even when thousands of new conversations arrive each second.
/// A reservation whose caller gives up still counts: the limiter only ever errs towards waiting.
/// </remarks>
public sealed class ConversationRateLimiter : IDisposable
{
    private const int HourLimit = 1800;
    private const int HourBucketCount = 13; // 12 buckets of 5 minutes cover the hour, plus the one the hour starts in.
    private const int InitialCapacity = 8;

    /// <summary>The windows checked exactly: (sends, window). The largest count sizes the log.</summary>
    private static readonly (int Count, TimeSpan Window)[] ExactLimits =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
    ];

    private static readonly TimeSpan HourWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan HourBucket = TimeSpan.FromMinutes(5);

    /// <summary>Added to every window: requests reserved a window apart may arrive closer together.</summary>
    private static readonly TimeSpan WindowMargin = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PressureSweepSpacing = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, ThreadLog> _threads = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _maxTracked;
    private readonly long _maxWait;
    private readonly long[] _exactWindows;
    private readonly int _capacity;
    private readonly long _longestExactWindow;
    private readonly long _shortExactWindows;
    private readonly long _hourWindow;
    private readonly long _hourBucket;
    private readonly long _margin;
    private readonly long _pressureSweepSpacing;
    private readonly ITimer _sweeper;
    private int _tracked;
    private int _sweeping;
    private long _lastPressureSweep;

    public ConversationRateLimiter(TimeProvider time, IOptions<ConnectorOptions> options)
        : this(time, options?.Value.MaxRateLimitWait ?? throw new ArgumentNullException(nameof(options)), options.Value.MaxTrackedConversations)
    {
    }

    public ConversationRateLimiter(TimeProvider time, TimeSpan maxWait, int maxTrackedConversations)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTrackedConversations);
        _time = time;
        _maxTracked = maxTrackedConversations;
        _maxWait = Ticks(maxWait);
        _margin = Ticks(WindowMargin);
        _exactWindows = [.. ExactLimits.Select(l => Ticks(l.Window) + _margin)];
        _capacity = ExactLimits.Max(l => l.Count);
        _longestExactWindow = _exactWindows.Max();
        _shortExactWindows = _exactWindows.Where(w => w < _longestExactWindow).Max();
        _hourWindow = Ticks(HourWindow) + _margin;
        _hourBucket = Ticks(HourBucket);
        _pressureSweepSpacing = Ticks(PressureSweepSpacing);
        _lastPressureSweep = time.GetTimestamp() - _pressureSweepSpacing;
        _sweeper = time.CreateTimer(static state => ((ConversationRateLimiter)state!).SweepOnTimer(), this, SweepPeriod, SweepPeriod);
    }

    /// <summary>Conversations currently tracked (for tests and metrics).</summary>
    public int TrackedConversations => Volatile.Read(ref _tracked);

    /// <summary>
    /// Waits until the conversation has room for one more write, and takes it. Returns false,
    /// without taking anything, when that would take longer than the configured maximum wait.
    /// </summary>
    public ValueTask<bool> WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!TryReserve(conversationId, out var delay))
        {
            return new ValueTask<bool>(false);
        }

        return delay <= TimeSpan.Zero ? new ValueTask<bool>(true) : DelayAsync(delay, cancellationToken);
    }

    /// <summary>
    /// Takes the conversation's earliest free moment and says how far away it is; false (and
    /// nothing taken) when it is further away than the maximum wait.
    /// </summary>
    public bool TryReserve(string conversationId, out TimeSpan delay)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var now = _time.GetTimestamp();
        while (true)
        {
            if (!_threads.TryGetValue(conversationId, out var log))
            {
                var created = new ThreadLog(InitialCapacity);
                if (!_threads.TryAdd(conversationId, created))
                {
                    continue;
                }

                log = created;
                OnAdded();
            }

            long at;
            lock (log)
            {
                // A sweep removed this log between our lookup and the lock: use the new one.
                if (log.Evicted)
                {
                    continue;
                }

                at = Earliest(log, now);
                if (at - now > _maxWait)
                {
                    delay = _time.GetElapsedTime(now, at);
                    return false;
                }

                Record(log, at);
            }

            delay = _time.GetElapsedTime(now, at);
            return true;
        }
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>Forgets conversations whose log can no longer matter (or, under pressure, matters least).</summary>
    internal void Sweep(bool underPressure)
    {
        SweepIdle(_hourWindow);
        if (underPressure && TrackedConversations > _maxTracked)
        {
            SweepIdle(_longestExactWindow);
        }

        if (underPressure && TrackedConversations > _maxTracked)
        {
            SweepIdle(_shortExactWindows);
        }
    }

    private void SweepIdle(long idleFor)
    {
        var now = _time.GetTimestamp();
        foreach (var (conversationId, log) in _threads)
        {
            lock (log)
            {
                if (now - log.Newest <= idleFor)
                {
                    continue;
                }

                log.Evicted = true;
            }

            if (_threads.TryRemove(new KeyValuePair<string, ThreadLog>(conversationId, log)))
            {
                Interlocked.Decrement(ref _tracked);
            }
        }
    }

    private async ValueTask<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private long Earliest(ThreadLog log, long now)
    {
        if (log.Count == 0)
        {
            return now;
        }

        var at = Math.Max(now, log.Newest);
        for (var i = 0; i < ExactLimits.Length; i++)
        {
            // Fewer logged sends than the limit means the older ones were dropped, and a send is
            // only dropped once it lies further back than the longest exact window.
            var count = ExactLimits[i].Count;
            if (log.Count >= count)
            {
                at = Math.Max(at, log.Back(count) + _exactWindows[i] + 1);
            }
        }

        return EarliestInHour(log, at);
    }

    /// <summary>Moves <paramref name="at"/> forward until its hour (counted by bucket) has room.</summary>
    private long EarliestInHour(ThreadLog log, long at)
    {
        while (true)
        {
            var bucket = at / _hourBucket;
            var first = Math.Max(bucket, log.NewestBucket) - (HourBucketCount - 1);
            var sum = 0;
            var oldestUsed = long.MinValue;
            for (var b = first; b <= log.NewestBucket; b++)
            {
                var sends = log.Hour[Slot(b)];
                if (sends > 0 && oldestUsed == long.MinValue)
                {
                    oldestUsed = b;
                }

                sum += sends;
            }

            if (sum < HourLimit)
            {
                return at;
            }

            // The first moment at which the oldest used bucket has left the hour.
            at = ((oldestUsed + HourBucketCount) * _hourBucket) + _margin;
        }
    }

    private void Record(ThreadLog log, long at)
    {
        if (log.Count == log.Capacity && log.Capacity < _capacity && at - log.Back(log.Count) < _longestExactWindow)
        {
            log.Grow(_capacity);
        }

        log.Append(at);
        var bucket = at / _hourBucket;
        if (bucket > log.NewestBucket)
        {
            for (var b = Math.Max(log.NewestBucket + 1, bucket - (HourBucketCount - 1)); b <= bucket; b++)
            {
                log.Hour[Slot(b)] = 0;
            }

            log.NewestBucket = bucket;
        }

        log.Hour[Slot(bucket)]++;
    }

    private static int Slot(long bucket) => (int)(((bucket % HourBucketCount) + HourBucketCount) % HourBucketCount);

    private void OnAdded()
    {
        if (Interlocked.Increment(ref _tracked) <= _maxTracked)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var last = Volatile.Read(ref _lastPressureSweep);
        if (now - last >= _pressureSweepSpacing && Interlocked.CompareExchange(ref _lastPressureSweep, now, last) == last)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static limiter => limiter.SweepOnce(underPressure: true), this, preferLocal: false);
        }
    }

    private void SweepOnTimer() => SweepOnce(underPressure: TrackedConversations > _maxTracked);

    private void SweepOnce(bool underPressure)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Sweep(underPressure);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private long Ticks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>One conversation's recent sends. Guarded by locking the instance itself.</summary>
    private sealed class ThreadLog
    {
        private long[] _sends;
        private int _start;

        public ThreadLog(int capacity)
        {
            _sends = new long[capacity];
        }

        public HourCounts Hour;

        public long NewestBucket = long.MinValue / 2;

        public bool Evicted;

        public int Count { get; private set; }

        public int Capacity => _sends.Length;

        public long Newest { get; private set; } = long.MinValue / 2;

        /// <summary>The n-th most recent send (1 is the newest).</summary>
        public long Back(int n) => _sends[(_start + Count - n) % _sends.Length];

        public void Append(long at)
        {
            if (Count == _sends.Length)
            {
                _sends[_start] = at;
                _start = (_start + 1) % _sends.Length;
            }
            else
            {
                _sends[(_start + Count) % _sends.Length] = at;
                Count++;
            }

            Newest = at;
        }

        public void Grow(int capacity)
        {
            var grown = new long[capacity];
            for (var i = 0; i < Count; i++)
            {
                grown[i] = _sends[(_start + i) % _sends.Length];
            }

            _sends = grown;
            _start = 0;
        }
    }

    [InlineArray(HourBucketCount)]
    private struct HourCounts
    {
        private int _element;
    }
}
