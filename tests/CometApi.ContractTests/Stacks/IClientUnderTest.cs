namespace CometApi.ContractTests.Stacks;

/// <summary>
/// The seam between the conformance matrix and a client stack: the harness points the stack at a simulated
/// CometAPI and reads what the stack's caller saw. A stack makes exactly one call per <see cref="RunAsync"/>, with
/// whatever timeouts and retries it has, and reports rather than throws: the harness classifies the outcome.
/// To judge your own stack, edit <see cref="YourClient"/>.
/// </summary>
public interface IClientUnderTest
{
    /// <summary>Short name; also the conformance file <c>contracts/clients/&lt;Name&gt;.json</c>.</summary>
    string Name { get; }

    /// <summary>One sentence: what the stack is and how it is configured.</summary>
    string Description { get; }

    /// <summary>Makes the PONG call (streamed when <see cref="StackCall.Streaming"/> of <paramref name="target"/>) and reports what the caller saw.</summary>
    /// <param name="cancellationToken">The harness's watchdog: cancelled only when the stack has not ended the call in time.</param>
    Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken);

    /// <summary>
    /// The shortest timer the stack has of its own that can end a stalled call (HttpClient's or the SDK's 100 s),
    /// when it keeps its own timers instead of taking <see cref="StackCall.Timing"/>; null (the default) when it takes
    /// them. A stack whose own shortest timer is longer than the watchdog cannot end a stalled call before it, so the
    /// harness records it as hung once the simulation says the stall began, instead of waiting the watchdog out.
    /// </summary>
    TimeSpan? OwnShortestTimer => null;
}

/// <summary>Where and how to call: the simulation's base URL (ending in <c>/v1</c>), a fresh fake key, the mode and the timers.</summary>
public sealed record StackCall(Uri BaseUrl, string ApiKey, string Model, string Prompt, bool Streaming, StackTiming Timing)
{
    /// <summary>The chat-completions URL under <see cref="BaseUrl"/>.</summary>
    public Uri ChatEndpoint => new(BaseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");
}

/// <summary>
/// The timers a configurable stack should use. Production: the checklist's 30 s deadline and 10 s attempt. Scaled:
/// the same shape shrunk (1.8 s, 400 ms, backoff 15-60 ms) for the few scenarios that stall, so real timers fire in milliseconds;
/// stacks that take their defaults (the "default" stacks) ignore it.
/// </summary>
public sealed record StackTiming(string Name, TimeSpan Deadline, TimeSpan Attempt, TimeSpan BackoffMin, TimeSpan BackoffMax)
{
    public static StackTiming Production { get; } = new("production", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10),
        TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1000));

    /// <summary>Production divided by about 16: a backoff that still fits between two attempts within the deadline.</summary>
    public static StackTiming Scaled { get; } = new("scaled", TimeSpan.FromMilliseconds(1800), TimeSpan.FromMilliseconds(400),
        TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(60));
}
