namespace CometApi.Simulation;

/// <summary>
/// The moments a responder stops sending on purpose (a stall), in order, each with the body bytes it sent first.
/// A test on a fake clock advances time only once the client has taken in everything sent before the stall, so
/// which timer fires never depends on how fast the machine is.
/// </summary>
public sealed class StallSignals
{
    private readonly Lock _gate = new();
    private readonly List<TaskCompletionSource<long>> _stalls = [];
    private int _stalled;
    private int _ended;
    private int _leftByClient;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stalls that began so far.</summary>
    public int Began
    {
        get { lock (_gate) return _stalled; }
    }

    /// <summary>Stalls that are over (the client gave up, or the responder's safety cap ran out).</summary>
    public int Ended
    {
        get { lock (_gate) return _ended; }
    }

    /// <summary>Completes at the next stall that begins or ends.</summary>
    public Task WhenChangedAsync()
    {
        lock (_gate) return _changed.Task;
    }

    /// <summary>Completes once at least <paramref name="count"/> stalls are over.</summary>
    public async Task WhenEndedAsync(int count)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_ended >= count) return;
                changed = _changed.Task;
            }

            await changed.ConfigureAwait(false);
        }
    }

    /// <summary>Stalls that ended because the client went away (not because the responder gave up waiting).</summary>
    public int LeftByClient
    {
        get { lock (_gate) return _leftByClient; }
    }

    /// <summary>Called by a responder when its stall is over.</summary>
    /// <param name="clientLeft">The client aborted the request; false when the responder's own safety cap ended it.</param>
    public void Over(bool clientLeft = true)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _ended++;
            if (clientLeft) _leftByClient++;
            (changed, _changed) = (_changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        changed.TrySetResult();
    }

    /// <summary>Called by a responder once its bytes are flushed and it holds back the rest.</summary>
    public void Stalled(long bodyBytes)
    {
        TaskCompletionSource<long> slot;
        TaskCompletionSource changed;
        lock (_gate)
        {
            slot = Slot(_stalled++);
            (changed, _changed) = (_changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        slot.TrySetResult(bodyBytes);
        changed.TrySetResult();
    }

    /// <summary>Completes with the body bytes sent before the <paramref name="n"/>-th stall (1-based), once it happened.</summary>
    public Task<long> WhenStalledAsync(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return Slot(n - 1).Task;
    }

    private TaskCompletionSource<long> Slot(int index)
    {
        lock (_gate)
        {
            while (_stalls.Count <= index) _stalls.Add(new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            return _stalls[index];
        }
    }
}
