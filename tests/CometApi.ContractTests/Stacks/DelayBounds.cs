namespace CometApi.ContractTests.Stacks;

/// <summary>Delays as the bounds a recording keeps: exact enough to see a policy change, loose enough for jitter.</summary>
public static class DelayBounds
{
    public static string Of(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? "0"
        : delay < TimeSpan.FromMilliseconds(250) ? "<250ms"
        : delay <= TimeSpan.FromSeconds(1) ? "250ms-1s"
        : delay <= TimeSpan.FromSeconds(5) ? "1s-5s"
        : delay <= TimeSpan.FromSeconds(30) ? "5s-30s"
        : ">30s";
}
