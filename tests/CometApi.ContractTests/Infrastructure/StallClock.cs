using Microsoft.Extensions.Time.Testing;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// A fake clock (starting now, so timestamps look real) that knows its pending timers and can jump exactly to the
/// next one: a simulated stall then ends the way a real one would (the attempt timer or the deadline fires, whichever
/// is due first) without a millisecond of real waiting.
/// </summary>
public sealed class StallClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _timers = [];

    /// <summary>Advances to the earliest pending timer and fires it; false when no timer is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        DateTimeOffset? next;
        lock (_gate)
        {
            var now = GetUtcNow();
            next = _timers.Where(t => t.Due > now).Select(t => (DateTimeOffset?)t.Due).Min();
        }

        if (next is not { } due) return false;
        Advance(due - GetUtcNow());
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, base.CreateTimer(callback, state, dueTime, period));
        timer.Track(dueTime);
        return timer;
    }

    private sealed class TrackedTimer(StallClock clock, ITimer inner) : ITimer
    {
        public DateTimeOffset Due { get; private set; }

        public void Track(TimeSpan dueTime)
        {
            lock (clock._gate)
            {
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    clock._timers.Remove(this);
                    return;
                }

                Due = clock.GetUtcNow() + dueTime;
                clock._timers.Add(this);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Track(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
