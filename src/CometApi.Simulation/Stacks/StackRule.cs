namespace CometApi.Simulation.Stacks;

/// <summary>A checklist rule a client stack either holds or violates, judged from its conformance file.</summary>
public sealed record StackRule(string Id, string Title)
{
    public static readonly StackRule OneRetryTransientOnly = new("one-retry-transient-only", "At most one retry, and only for transient classes");
    public static readonly StackRule NoRetryContractErrors = new("no-retry-contract-errors", "Never retries authentication, invalid requests (incl. 500 invalid_request), unknown models (503 model_not_found), exhausted quota");
    public static readonly StackRule InteractiveDeadline = new("interactive-deadline", "The interactive deadline holds");
    public static readonly StackRule TruncationSurfaces = new("truncation-surfaces", "A truncated stream reaches the caller as incomplete");
    public static readonly StackRule NoKeyInExceptions = new("no-key-in-exceptions", "No key in any exception");

    public static IReadOnlyList<StackRule> All { get; } = [OneRetryTransientOnly, NoRetryContractErrors, InteractiveDeadline, TruncationSurfaces, NoKeyInExceptions];
}

/// <summary>One rule for one stack: holds, or violated with the first case that shows it.</summary>
public sealed record RuleVerdict(StackRule Rule, bool Holds, string? Evidence)
{
    public override string ToString() => Holds ? "holds" : $"violated: {Evidence}";
}

/// <summary>Every rule for one stack.</summary>
public sealed record StackVerdict(string Stack, IReadOnlyList<RuleVerdict> Rules)
{
    public bool HoldsAll => Rules.All(r => r.Holds);

    public IEnumerable<RuleVerdict> Violations => Rules.Where(r => !r.Holds);

    public RuleVerdict this[StackRule rule] => Rules.Single(r => r.Rule == rule);
}
