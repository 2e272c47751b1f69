namespace StuyfBot.Platform.Storage.State;

/// <summary>
/// A read that callers share, one at a time: a caller gets the result of a read that started
/// after it asked (so it sees everything stored before then), and the callers that ask while a
/// read runs all share the one that follows it. So a burst of callers costs a few reads instead
/// of one each, and nobody gets an answer older than their question.
/// </summary>
public sealed class SharedRead<T>
{
    private readonly Func<Task<T>> _read;
    private readonly Lock _lock = new();

    /// <summary>The read the next callers share; it starts when the running one ends.</summary>
    private TaskCompletionSource<T>? _next;
    private bool _running;

    /// <param name="read">The read; it gets no caller's token, since one caller giving up must not fail the others.</param>
    public SharedRead(Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
    }

    public Task<T> ReadAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<T> next;
        bool start;
        lock (_lock)
        {
            next = _next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            _ = Task.Run(ReadWhileAskedAsync, CancellationToken.None);
        }

        return next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs reads one after another while callers are waiting for one.</summary>
    private async Task ReadWhileAskedAsync()
    {
        while (true)
        {
            TaskCompletionSource<T> current;
            lock (_lock)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }

                current = _next;
                _next = null;
            }

            try
            {
                current.TrySetResult(await _read().ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                // Everyone who shared this read gets its failure; the next read tries afresh.
                current.TrySetException(ex);
            }
        }
    }
}
