using CometApi.Reliability;
using CometApi.Reliability.Billing;

namespace CometApi.Live.Checks;

/// <summary>How a live check ended. Only <see cref="Failed"/> is a red verdict on the provider or the client.</summary>
public enum LiveCheckStatus
{
    /// <summary>Its pass condition held.</summary>
    Passed,

    /// <summary>Its own pass condition did not hold; <see cref="LiveCheckResult.Cause"/> says what broke it.</summary>
    Failed,

    /// <summary>A check it depends on failed: it sent nothing and spent no budget.</summary>
    Blocked,

    /// <summary>It ran, and what it saw decides nothing: a person reviews the message.</summary>
    Inconclusive,

    /// <summary>It could not run (no revoked key configured, the budget cannot cover it).</summary>
    NotRun,
}

/// <summary>A raw answer a check read without the chat client (the models list).</summary>
public sealed record RawAnswer(int StatusCode, string? MediaType, IReadOnlyDictionary<string, string> Headers, TimeSpan Duration);

/// <summary>
/// One live check's verdict: its status, the cause (for a failure: the class or finding that broke the pass
/// condition; for a block: the blocking check's cause), the whole message, and what it saw (the call, its ledger
/// rows, a raw answer), from which the evidence record takes its observations.
/// </summary>
public sealed record LiveCheckResult
{
    public required string Id { get; init; }
    public required LiveCheckStatus Status { get; init; }

    /// <summary>Failed: what broke the pass condition (a class wire name such as <c>configuration</c>, or a finding such as <c>usage-absent</c>). Blocked: the blocking check's cause.</summary>
    public string? Cause { get; init; }

    /// <summary>The whole message, as the operator should read it (no secrets: it is built from redacted parts).</summary>
    public required string Message { get; init; }

    /// <summary>Blocked: the check whose failure blocks this one.</summary>
    public string? BlockedBy { get; init; }

    /// <summary>The call the verdict judged, when there was one.</summary>
    public ChatResult? Call { get; init; }

    public IReadOnlyList<LedgerRow> Ledger { get; init; } = [];

    public RawAnswer? Raw { get; init; }

    /// <summary>Live requests this check spent (0 for blocked and not-run checks).</summary>
    public int RequestsSpent { get; init; }

    public override string ToString() => $"{Id}: {Status}{(Cause is null ? "" : $" ({Cause})")}: {Message}";
}
