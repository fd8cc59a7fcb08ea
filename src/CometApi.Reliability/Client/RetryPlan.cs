namespace CometApi.Reliability.Client;

/// <summary>
/// What follows an attempt, decided once before it is recorded: a retry after <see cref="Delay"/>, a refusal that
/// says why (<see cref="Refusal"/>), or neither (the class is not retried, or no retry is left).
/// </summary>
internal readonly record struct RetryPlan(TimeSpan? Delay, string? Refusal)
{
    public static RetryPlan None => default;

    public bool Retry => Delay is not null;

    public static RetryPlan After(TimeSpan delay) => new(delay, null);

    public static RetryPlan Refuse(string reason) => new(null, reason);
}
