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

    /// <summary>Called by a responder once its bytes are flushed and it holds back the rest.</summary>
    public void Stalled(long bodyBytes)
    {
        TaskCompletionSource<long> slot;
        lock (_gate) slot = Slot(_stalled++);
        slot.TrySetResult(bodyBytes);
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
