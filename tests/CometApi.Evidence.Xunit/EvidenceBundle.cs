namespace CometApi.Evidence.Xunit;

// The evidence.json a launch ticket cites; contracts/evidence.schema.json is its contract.

public sealed record EvidenceBundle(
    string SchemaVersion,
    string RunId,
    DateTimeOffset GeneratedAt,
    EvidenceTarget Target,
    DocumentationEvidence Documentation,
    IReadOnlyList<EvidenceCheck> Checks,
    UsageTotals Usage,
    GateVerdict Gate);

public sealed record EvidenceTarget(string Kind, string Endpoint, string? Model, int? RequestBudget, int? RequestsSent);

public sealed record DocumentationEvidence(string Url, string Accessed, string Section, string ApiReference, string ReviewedBy);

public sealed record EvidenceCheck(
    string Id,
    string Status,
    string Test,
    string Target,
    string? FailureClass,
    int? HttpStatus,
    IReadOnlyList<string> RequestIds,
    int Attempts,
    double DurationMs,
    IReadOnlyList<string> Excerpts,
    string? Message);

public sealed record UsageTotals(int Checks, int Passed, int Failed, int Skipped, int Attempts, long PromptTokens, long CompletionTokens);

public sealed record GateVerdict(string Verdict, IReadOnlyList<string> Blockers);
