using CometApi.Reliability.Configuration;
using CometApi.Reliability.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace CometApi.Reliability.Client;

/// <summary>
/// The single retry owner: a Polly retry strategy that asks the failure policy whether a class may be retried,
/// refuses once a stream has handed content to the caller, and never waits past the call's deadline.
/// </summary>
internal static class RetryPipeline
{
    public static readonly ResiliencePropertyKey<LegState> LegKey = new("cometapi.leg");

    public static ResiliencePipeline<AttemptOutcome> Build(CometApiOptions options, TimeProvider time, Func<double> jitter,
        ILogger logger, ChatMetrics metrics)
    {
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = time };
        if (options.Retry.MaxRetries == 0) return builder.Build();

        var max = options.Retry.MaxRetries;
        return builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
        {
            MaxRetryAttempts = max,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result is { } outcome && args.AttemptNumber < max
                && ShouldRetry(outcome, args.Context.Properties.GetValue(LegKey, null!), options, time, jitter, logger)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(LegKey, null!).NextDelay),
            OnRetry = args =>
            {
                var leg = args.Context.Properties.GetValue(LegKey, null!);
                var cls = args.Outcome.Result!.Decision.Class;
                metrics.Retry(leg.Endpoint.Name, cls);
                ClientLog.RetryScheduled(logger, leg.Endpoint.Name, cls.WireName(), (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, max, leg.CallId);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    private static bool ShouldRetry(AttemptOutcome outcome, LegState leg, CometApiOptions options, TimeProvider time,
        Func<double> jitter, ILogger logger)
    {
        if (!outcome.Decision.Policy.Retry || outcome.Stream is not null) return false;

        var delay = outcome.RetryAfter ?? Backoff(options.Retry, jitter());
        var remaining = leg.Deadline - time.GetUtcNow();
        if (delay >= remaining)
        {
            outcome.Note = outcome.RetryAfter is null
                ? $"backoff of {delay.TotalMilliseconds:0} ms does not fit the {Math.Max(0, remaining.TotalMilliseconds):0} ms left"
                : $"Retry-After of {delay.TotalMilliseconds:0} ms does not fit the {Math.Max(0, remaining.TotalMilliseconds):0} ms left";
            if (leg.Attempts.Count > 0) leg.Attempts[^1] = leg.Attempts[^1] with { Note = outcome.Note };
            ClientLog.RetryRefused(logger, leg.Endpoint.Name, outcome.Decision.Class.WireName(), outcome.Note, leg.CallId);
            return false;
        }

        leg.NextDelay = delay;
        return true;
    }

    /// <summary>Uniform jitter between the configured bounds (250-1000 ms by default).</summary>
    public static TimeSpan Backoff(RetrySettings retry, double unit) =>
        retry.BackoffMin + (retry.BackoffMax - retry.BackoffMin) * Math.Clamp(unit, 0, 1);
}

/// <summary>Per-provider state the retry strategy reads and writes during one call.</summary>
internal sealed class LegState(ProviderEndpoint endpoint, string callId, DateTimeOffset deadline, List<AttemptRecord> attempts)
{
    /// <summary>The call's attempt records (all providers), so a refused retry can say why on the last one.</summary>
    public List<AttemptRecord> Attempts { get; } = attempts;

    public ProviderEndpoint Endpoint { get; } = endpoint;
    public string CallId { get; } = callId;
    public DateTimeOffset Deadline { get; } = deadline;
    public TimeSpan NextDelay { get; set; }
    public int RetryIndex { get; set; }
}
