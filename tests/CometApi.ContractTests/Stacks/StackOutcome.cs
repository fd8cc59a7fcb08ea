using CometApi.Reliability;

namespace CometApi.ContractTests.Stacks;

/// <summary>What one call through a stack gave its caller.</summary>
public sealed record StackOutcome
{
    /// <summary>The answer text (the deltas joined, for a stream); null when the call threw.</summary>
    public string? Text { get; init; }

    public string? Refusal { get; init; }

    /// <summary>The finish reason as the stack reported it ("stop", "content_filter", ...).</summary>
    public string? FinishReason { get; init; }

    /// <summary>Text deltas in the order the caller got them (streaming).</summary>
    public IReadOnlyList<string> Deltas { get; init; } = [];

    /// <summary>The exception the caller got, if any.</summary>
    public Exception? Exception { get; init; }

    /// <summary>A classified result, for stacks that give one (ours); it decides the class.</summary>
    public ChatResult? Result { get; init; }

    /// <summary>The waits the stack asked for before each retry, when it says; null when it does not.</summary>
    public IReadOnlyList<TimeSpan>? RequestedDelays { get; init; }

    /// <summary>True when the harness made the requested waits virtual (they took no real time).</summary>
    public bool DelaysWereVirtual { get; init; }

    /// <summary>Runs <paramref name="call"/> and keeps any exception as the outcome, with the deltas and delays seen so far.</summary>
    /// <param name="deltas">The list the call adds streamed deltas to.</param>
    public static async Task<StackOutcome> CatchingAsync(List<string> deltas, Func<Task<StackOutcome>> call, Func<IReadOnlyList<TimeSpan>?> delays, bool virtualDelays)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(delays);
        try
        {
            return await call() with { Deltas = deltas, RequestedDelays = delays(), DelaysWereVirtual = virtualDelays };
        }
#pragma warning disable CA1031 // every exception is an outcome the caller saw
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new StackOutcome { Exception = ex, Deltas = deltas, RequestedDelays = delays(), DelaysWereVirtual = virtualDelays };
        }
    }
}
