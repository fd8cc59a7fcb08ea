using CometApi.Reliability;
using CometApi.Reliability.Billing;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// What a test hands the evidence extension through <see cref="EvidenceChannel.Publish"/>: typed data (ledger rows
/// as <see cref="LedgerRow"/>s, observations as <see cref="Observations"/>), joined with the test's xunit outcome
/// under the test's own key when the run ends.
/// </summary>
public sealed record EvidenceRecord
{
    /// <summary>The check id (CL3.missing-key); null for the id derived from the test's name and arguments.</summary>
    public string? Id { get; init; }

    /// <summary>What the check really ran against: <see cref="EvidenceTargets"/>.</summary>
    public string Target { get; init; } = EvidenceTargets.Simulated;

    /// <summary><see cref="EvidenceStatus.Blocked"/> or <see cref="EvidenceStatus.Inconclusive"/>; null to take xunit's.</summary>
    public string? Status { get; init; }

    /// <summary>For a blocked record: the check whose failure blocks it.</summary>
    public string? BlockedBy { get; init; }

    /// <summary>Why it is blocked, or what an inconclusive check saw.</summary>
    public string? Message { get; init; }

    public string? FailureClass { get; init; }
    public int? HttpStatus { get; init; }
    public IReadOnlyList<string> RequestIds { get; init; } = [];
    public int Attempts { get; init; }
    public double DurationMs { get; init; }
    public IReadOnlyList<string> Excerpts { get; init; } = [];
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public IReadOnlyList<LedgerRow> Ledger { get; init; } = [];

    /// <summary>What the check saw beside its verdict (status, media type, request id, usage, headers, duration).</summary>
    public Observations? Observations { get; init; }

    /// <summary>The record of a chat call: its class, status, request ids, attempts, tokens, ledger rows and observations.</summary>
    public static EvidenceRecord From(string id, ChatResult result, InMemoryUsageLedger ledger, string target = EvidenceTargets.Simulated)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(ledger);
        var observations = Observations.From(result);
        return new EvidenceRecord
        {
            Id = id,
            Target = target,
            FailureClass = result.Class.WireName(),
            HttpStatus = observations.HttpStatus,
            RequestIds = result.Attempts.Select(a => a.RequestId).OfType<string>().Distinct().ToList(),
            Attempts = result.Attempts.Count,
            DurationMs = observations.DurationMs ?? 0,
            Excerpts = result.Metadata.BodyExcerpt is { } excerpt ? [excerpt] : [],
            PromptTokens = result.Usage?.PromptTokens ?? 0,
            CompletionTokens = result.Usage?.CompletionTokens ?? 0,
            Ledger = ledger.Rows,
            Observations = observations,
        };
    }
}
