namespace CometApi.Reliability.Canary;

/// <summary>What the canary saw in one time window, from the client's metrics.</summary>
public sealed record CanaryWindow(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<FailureClass, long> CallsByClass,
    long Timeouts,
    long Fallbacks,
    long FallbackTokens,
    long SuccessfulCallsWithUsage,
    long Tokens)
{
    public long Calls => CallsByClass.Values.Sum();

    /// <summary>Client timeouts per call, counted per attempt: a timeout rescued by a fallback still counts.</summary>
    public double TimeoutRate => Calls == 0 ? 0 : (double)Timeouts / Calls;

    public long Count(params FailureClass[] classes) => classes.Sum(c => CallsByClass.GetValueOrDefault(c));

    public double Rate(params FailureClass[] classes) => Calls == 0 ? 0 : (double)Count(classes) / Calls;
}
