namespace CometApi.Reliability.Contracts;

/// <summary>The file form of contracts/failure-policy.json.</summary>
public sealed record FailurePolicyDocument(
    string Description,
    PolicySource Source,
    string DefaultClass,
    IReadOnlyList<ClassPolicy> Classes,
    IReadOnlyList<ClassificationRule> Rules);

public sealed record PolicySource(string Checklist, string Triage, string Accessed);

/// <summary>What a failure class allows: one row of the CL6 decision table.</summary>
public sealed record ClassPolicy(string Class, string TableRow, bool Retry, bool Fallback, string OperatorAction);

/// <summary>Signals that select a class; first matching rule wins. <paramref name="Provider"/> names the profile whose overrides file holds the rule (null: the shared table).</summary>
public sealed record ClassificationRule(string Name, RuleCondition When, string Class, string Evidence, string? Source = null, string? Provider = null);

/// <summary>Every condition set must match; a condition left out matches anything.</summary>
public sealed record RuleCondition(
    int[]? Status = null,
    int? StatusFrom = null,
    int? StatusTo = null,
    string[]? ErrorCode = null,
    string[]? ErrorType = null,
    string[]? Body = null,
    string[]? Transport = null,
    string[]? Stream = null,
    string[]? FinishReason = null,
    bool? Refusal = null,
    bool? EmptyContent = null);
