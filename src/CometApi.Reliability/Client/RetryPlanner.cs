using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;

namespace CometApi.Reliability.Client;

/// <summary>
/// Decides, once per finished attempt and before it is recorded, whether it is retried and after how long: the
/// provider's Retry-After, else a jittered backoff; either only when it fits before the call's deadline.
/// </summary>
internal sealed class RetryPlanner(RetrySettings retry, TimeProvider time, Func<double> jitter)
{
    public RetryPlan Plan(PolicyDecision decision, TimeSpan? retryAfter, in AttemptPlace place)
    {
        if (!decision.Policy.Retry || place.RetryIndex >= retry.MaxRetries) return RetryPlan.None;

        var delay = retryAfter ?? Backoff(retry, jitter());
        var remaining = place.Deadline - time.GetUtcNow();
        if (delay < remaining) return RetryPlan.After(delay);

        var left = Math.Max(0, remaining.TotalMilliseconds);
        return RetryPlan.Refuse(retryAfter is null
            ? $"backoff of {delay.TotalMilliseconds:0} ms does not fit the {left:0} ms left"
            : $"Retry-After of {delay.TotalMilliseconds:0} ms does not fit the {left:0} ms left");
    }

    /// <summary>Uniform jitter between the configured bounds (250-1000 ms by default).</summary>
    public static TimeSpan Backoff(RetrySettings retry, double unit) =>
        retry.BackoffMin + (retry.BackoffMax - retry.BackoffMin) * Math.Clamp(unit, 0, 1);
}
