namespace CometApi.Reliability.Contracts;

/// <summary>The file form of <c>contracts/providers/&lt;name&gt;/failure-policy.overrides.json</c>: rules tried before the shared table.</summary>
public sealed record FailurePolicyOverrides(string Description, IReadOnlyList<ClassificationRule> Rules);
