namespace CometApi.Evidence.Xunit;

// The evidence.json a launch ticket cites; contracts/evidence.schema.json is its contract.

public sealed record EvidenceBundle(
    string SchemaVersion,
    string RunId,
    DateTimeOffset GeneratedAt,
    EvidenceTarget Target,
    DocumentationEvidence Documentation,
    ServiceEvidence Service,
    IReadOnlyList<EvidenceCheck> Checks,
    UsageTotals Usage,
    GateVerdict Gate);

public sealed record EvidenceTarget(string Kind, string Endpoint, string? Model, int? RequestBudget, int? RequestsSent);

public sealed record DocumentationEvidence(string Url, string Accessed, string Section, string ApiReference, string ReviewedBy);

/// <param name="Section">The checklist row the check belongs to (the id's first part: CL3, PONG, ...).</param>
/// <param name="Test">The test's display name, theory arguments included.</param>
/// <param name="BlockedBy">For a blocked check: the check whose failure blocks it.</param>
/// <param name="Message">For anything but passed: the whole message (redacted, capped), what was seen or why it did not run.</param>
public sealed record EvidenceCheck(
    string Id,
    string Section,
    string Status,
    string Test,
    string Target,
    string? BlockedBy,
    string? FailureClass,
    int? HttpStatus,
    IReadOnlyList<string> RequestIds,
    int Attempts,
    double DurationMs,
    IReadOnlyList<string> Excerpts,
    Observations? Observations,
    string? Message);

public sealed record UsageTotals(
    int Checks, int Passed, int Failed, int Inconclusive, int Blocked, int Skipped, int Attempts, long PromptTokens, long CompletionTokens);

public sealed record GateVerdict(string Verdict, IReadOnlyList<string> Blockers);
