namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Runs a call against a simulator that stalls on purpose, on a <see cref="StallClock"/>: at each stall it waits
/// until the client has taken in everything sent before it (a signal from <see cref="ResponseWatch"/>), then moves
/// the clock to the next timer. The timers the client really has (attempt timeout, deadline) decide the outcome,
/// in virtual time, whatever the machine's load.
/// </summary>
public static class StallDriver
{
    /// <summary>A guard against a hung test, never a wait the verdict depends on.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(20);

    /// <param name="call">The call, already started, on a client made with <paramref name="clock"/> and <paramref name="watch"/>.</param>
    /// <param name="stall">
    /// The n-th stall (1-based): the body bytes sent before it, or null when the provider holds back even the
    /// headers (the client then waits for them from the moment the request arrived).
    /// </param>
    public static async Task<T> DriveAsync<T>(Task<T> call, StallClock clock, ResponseWatch watch, Func<int, Task<long?>> stall)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(stall);
        for (var n = 1; ; n++)
        {
            var stalled = stall(n);
            if (await Task.WhenAny(call, stalled).WaitAsync(Hung) == call) return await call;
            if (await stalled is long bodyBytes)
            {
                var waiting = watch.WhenWaitingAsync(n, bodyBytes);
                if (await Task.WhenAny(call, waiting).WaitAsync(Hung) == call) return await call;
            }

            clock.AdvanceToNextTimer();
        }
    }
}
