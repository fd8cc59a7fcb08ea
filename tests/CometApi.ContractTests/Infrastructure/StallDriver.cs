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

    /// <summary>
    /// Many concurrent calls against a provider that stalls some of them: whenever every unfinished call is waiting
    /// on a stalled request (none is still being answered), the clock moves to the next timer, and the stalls it
    /// ended must be over before the calls are counted again. A healthy answer never meets a timer, however slow the
    /// machine.
    /// </summary>
    public static async Task DriveAllAsync(IReadOnlyList<Task> calls, StallClock clock, StallSignals stalls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(stalls);
        while (true)
        {
            var changed = stalls.WhenChangedAsync();
            var pending = calls.Where(c => !c.IsCompleted).ToList();
            if (pending.Count == 0) return;
            var began = stalls.Began;
            if (began - stalls.Ended == pending.Count)
            {
                clock.AdvanceToNextTimer();
                await stalls.WhenEndedAsync(began).WaitAsync(Hung);
                continue;
            }

            await Task.WhenAny(changed, Task.WhenAny(pending)).WaitAsync(Hung);
        }
    }
}
