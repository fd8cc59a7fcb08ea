using System.Text.Json.Nodes;

namespace CometApi.Simulation.Stacks;

/// <summary>
/// Turns conformance files into verdicts per stack and rule. What a scenario is (its class under the policy) comes
/// from the catalog; which classes are transient comes from <c>contracts/failure-policy.json</c> (<c>retry: true</c>).
/// </summary>
public sealed class StackVerdicts
{
    /// <summary>Classes the checklist says must never be retried (contract errors and exhausted quota).</summary>
    private static readonly HashSet<string> NeverRetried = ["authentication", "permission_denied", "invalid_request", "configuration", "quota_exhausted"];

    private const string TruncatedClass = "stream_truncated";

    /// <summary>The setting naming the stack a service runs (the launch ticket's field), and its default.</summary>
    public const string StackVariable = "COMETAPI_CLIENT_STACK";

    public const string DefaultStack = "ours";

    private readonly FixtureCatalog _catalog;
    private readonly IReadOnlySet<string> _transient;

    public StackVerdicts(FixtureCatalog catalog, IReadOnlySet<string> transientClasses)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(transientClasses);
        _catalog = catalog;
        _transient = transientClasses;
    }

    /// <summary>Verdicts of every conformance file under <c>contracts/clients</c> of <paramref name="repositoryRoot"/>, by stack name.</summary>
    public static IReadOnlyDictionary<string, StackVerdict> Load(string repositoryRoot)
    {
        var verdicts = ForRoot(repositoryRoot);
        return Directory.EnumerateFiles(StackRecording.FolderOf(repositoryRoot), "*.json")
            .Select(StackRecording.Read)
            .ToDictionary(r => r.Stack, verdicts.Judge, StringComparer.Ordinal);
    }

    /// <summary>The verdict of one stack; an unknown name is an error that lists the recorded stacks.</summary>
    public static StackVerdict For(string repositoryRoot, string? stack)
    {
        var all = Load(repositoryRoot);
        var name = string.IsNullOrWhiteSpace(stack) ? DefaultStack : stack.Trim();
        return all.TryGetValue(name, out var verdict) ? verdict
            : throw new KeyNotFoundException($"No conformance recording for stack '{name}' ({StackVariable}); recorded: {string.Join(", ", all.Keys.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>The judge of a repository: its catalog and its failure policy's transient classes.</summary>
    public static StackVerdicts ForRoot(string repositoryRoot) =>
        new(FixtureCatalog.Load(Path.Combine(repositoryRoot, "fixtures")), TransientClasses(Path.Combine(repositoryRoot, "contracts", "failure-policy.json")));

    /// <summary>The classes the failure policy allows a retry for.</summary>
    public static IReadOnlySet<string> TransientClasses(string policyFile)
    {
        var policy = JsonNode.Parse(File.ReadAllText(policyFile)) ?? throw new InvalidDataException($"{policyFile} is empty.");
        return (policy["classes"] as JsonArray ?? throw new InvalidDataException($"{policyFile} has no classes."))
            .Where(c => c?["retry"]?.GetValue<bool>() == true)
            .Select(c => c!["class"]!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
    }

    public StackVerdict Judge(StackRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var cases = recording.Cases;
        return new StackVerdict(recording.Stack,
        [
            Verdict(StackRule.OneRetryTransientOnly, cases.FirstOrDefault(c => c.Attempts > 2 || (c.Attempts > 1 && !RetryAllowed(c))),
                c => $"{c.Id}: {c.Attempts} attempts for {ClassOf(c)}"),
            Verdict(StackRule.NoRetryContractErrors, cases.FirstOrDefault(c => c.Attempts > 1 && NeverRetried.Contains(ClassOf(c))),
                c => $"{c.Id}: {c.Attempts} attempts for {ClassOf(c)}"),
            Verdict(StackRule.InteractiveDeadline, cases.FirstOrDefault(c => !c.WithinDeadline),
                c => c.Outcome == StackCase.Hung ? $"{c.Id}: still waiting when the watchdog fired" : $"{c.Id}: {Seconds(c)}, past the deadline"),
            Verdict(StackRule.TruncationSurfaces, cases.FirstOrDefault(c => ClassOf(c) == TruncatedClass && c.TruncationSurfaced != true),
                c => $"{c.Id}: the caller got '{c.Outcome}' ({c.Surface})"),
            Verdict(StackRule.NoKeyInExceptions, cases.FirstOrDefault(c => c.KeyInException),
                c => $"{c.Id}: the key is in {c.Surface}"),
        ]);
    }

    /// <summary>A transient class, or a scenario whose transient failure is followed by an answer (retry-then-success: the catalog expects the retry).</summary>
    private bool RetryAllowed(StackCase c) =>
        _transient.Contains(ClassOf(c)) || _catalog[c.Scenario].ExpectFor(c.Mode == StackCase.StreamMode).Attempts > 1;

    /// <summary>The class the failure policy gives the scenario in that mode.</summary>
    private string ClassOf(StackCase c) => _catalog[c.Scenario].ExpectFor(c.Mode == StackCase.StreamMode).Class;

    private static string Seconds(StackCase c) =>
        c.VirtualWait is { } waited ? $"waited {waited} in retries" : "ran";

    private static RuleVerdict Verdict(StackRule rule, StackCase? offending, Func<StackCase, string> evidence) =>
        offending is null ? new RuleVerdict(rule, true, null) : new RuleVerdict(rule, false, evidence(offending));
}
