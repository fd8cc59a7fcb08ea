using System.ClientModel.Primitives;
using System.Collections.Concurrent;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// Virtual time for System.ClientModel retries: <see cref="ClientRetryPolicy"/> decides whether to retry
/// (<c>ShouldRetry</c>) and how long to wait (<c>GetNextDelay</c>: 0.8 s * 2^(n-1), or a longer Retry-After), then
/// calls the protected virtual <c>WaitAsync</c>/<c>Wait</c>. Overriding only those two keeps every decision of the
/// wrapped policy and records the delay it asked for instead of sleeping.
/// </summary>
internal static class VirtualWaits
{
    public static void Record(ConcurrentQueue<TimeSpan> waits, TimeSpan time, CancellationToken cancellationToken)
    {
        waits.Enqueue(time);
        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>The SDK's default retry policy (3 retries, exponential from 0.8 s, Retry-After honoured) with virtual waits.</summary>
internal sealed class VirtualWaitRetryPolicy(int maxRetries = 3) : ClientRetryPolicy(maxRetries)
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>Every wait the policy asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    protected override Task WaitAsync(TimeSpan time, CancellationToken cancellationToken)
    {
        VirtualWaits.Record(_waits, time, cancellationToken);
        return Task.CompletedTask;
    }

    protected override void Wait(TimeSpan time, CancellationToken cancellationToken) => VirtualWaits.Record(_waits, time, cancellationToken);
}
