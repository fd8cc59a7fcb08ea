using System.Text.Json.Nodes;
using CometApi.Simulation;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// GATE: names every blocker between this evidence and a launch; "go" only when there is none. What it reads
/// (ticket fields, the service's fallback provider and the rules its client stack must hold, evidence categories,
/// which statuses block and which need review) is contracts/launch-gate.json.
/// </summary>
public sealed class LaunchGate
{
    /// <summary>Enough blockers to act on; the rest are counted, the ticket lists every failure anyway.</summary>
    private const int MaxCheckBlockers = 20;

    private LaunchGate(JsonObject file) => File = file;

    public JsonObject File { get; }

    public static LaunchGate Load(string? path = null) =>
        new(JsonNode.Parse(System.IO.File.ReadAllText(path ?? Path.Combine(RepoPaths.Contracts, "launch-gate.json")))!.AsObject());

    public IEnumerable<KeyValuePair<string, string?>> TicketFields =>
        File["ticket"]!.AsObject().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.GetValue<string>()));

    public JsonObject Documentation => File["documentation"]!.AsObject();

    /// <summary>The profile of the provider the ticket's fallback field names (service.fallbackProvider); null for none.</summary>
    public string? FallbackProvider => (string?)File["service"]?["fallbackProvider"];

    /// <summary>The ids of the stack rules the client stack in use must hold (service.clientStackMustHold).</summary>
    public IReadOnlyList<string> ClientStackMustHold => Strings(File["service"]?["clientStackMustHold"]);

    /// <summary>The ticket's fallback field value that says there is no fallback provider.</summary>
    public const string NoFallback = "none";

    private List<string> Statuses(string field) => Strings(File[field]);

    private static List<string> Strings(JsonNode? array) => array?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];

    public GateVerdict Evaluate(IReadOnlyList<EvidenceCheck> checks, ServiceEvidence service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var blockers = new List<string>();
        foreach (var (field, value) in TicketFields)
        {
            if (string.IsNullOrWhiteSpace(value)) blockers.Add($"ticket field '{field}' is not filled in (contracts/launch-gate.json)");
        }

        blockers.AddRange(ServiceBlockers(service));

        var categories = File["requiredEvidence"]!.AsArray().Select(c => c!.AsObject())
            .Select(c => (Name: c["name"]!.GetValue<string>(), Prefixes: c["checkPrefixes"]!.AsArray().Select(p => p!.GetValue<string>()).ToList()))
            .ToList();
        string CategoryOf(EvidenceCheck c) =>
            categories.FirstOrDefault(k => k.Prefixes.Any(p => c.Id.StartsWith(p, StringComparison.Ordinal))).Name ?? c.Section;

        var blocking = Statuses("blockingStatuses");
        var review = Statuses("reviewStatuses");
        var bad = checks.Where(c => blocking.Contains(c.Status) || review.Contains(c.Status)).ToList();
        blockers.AddRange(bad.Take(MaxCheckBlockers).Select(c => $"{CategoryOf(c)}: {Cause(c, review.Contains(c.Status))}"));
        if (bad.Count > MaxCheckBlockers) blockers.Add($"{bad.Count - MaxCheckBlockers} more failed, blocked or inconclusive check(s): see the launch ticket");

        foreach (var (name, prefixes) in categories)
        {
            var inCategory = checks.Where(c => prefixes.Any(p => c.Id.StartsWith(p, StringComparison.Ordinal))).ToList();
            if (inCategory.Any(c => bad.Contains(c)) || inCategory.Any(c => c.Status == EvidenceStatus.Passed && c.Target == EvidenceTargets.Live)) continue;
            var passed = inCategory.Where(c => c.Status == EvidenceStatus.Passed).ToList();
            blockers.Add(passed.Any(c => c.Target == EvidenceTargets.LiveSimulated)
                ? $"{name}: only live-simulated evidence; run the live checks against the real endpoint (run-live.ps1 without -Simulate)"
                : passed.Count > 0 ? $"{name}: only simulated evidence; run the live checks (run-live.ps1)"
                : $"{name}: no evidence");
        }

        return new GateVerdict(blockers.Count == 0 ? "go" : "no-go", blockers);
    }

    /// <summary>The provider the run used, the client stack the service uses, and the fallback provider the ticket names.</summary>
    private IEnumerable<string> ServiceBlockers(ServiceEvidence service)
    {
        if (service.Provider.Problem is { } providerProblem) yield return $"provider: {providerProblem}";

        var stack = service.ClientStack;
        if (stack.Problem is { } stackProblem) yield return $"client stack: {stackProblem}";
        else if (service.VerdictOfStackInUse is { } verdict)
        {
            foreach (var id in ClientStackMustHold)
            {
                var rule = verdict.Rules.FirstOrDefault(r => r.Rule == id);
                if (rule is null)
                    yield return $"client stack: contracts/launch-gate.json requires rule '{id}', which the verdicts do not know ({string.Join(", ", verdict.Rules.Select(r => r.Rule))})";
                else if (!rule.Holds)
                    yield return $"client stack: {stack.Name} ({ClientStackInUse.Variable}) violates {rule.Rule} ({rule.Title}); shown by scenario {rule.Evidence}";
            }
        }

        if (service.Fallback is { Approved: false } fallback)
            yield return $"fallback: provider '{fallback.Name}' is not approved as a fallback: {fallback.Reason}";
        var named = TicketFields.FirstOrDefault(f => f.Key == "fallback").Value;
        if (service.Fallback is null && !string.IsNullOrWhiteSpace(named) && !named.Trim().Equals(NoFallback, StringComparison.OrdinalIgnoreCase))
            yield return $"fallback: ticket field 'fallback' names a fallback but service.fallbackProvider names no provider profile, so its live evidence cannot be checked; name its profile (a folder of contracts/providers/) or write '{NoFallback}' (contracts/launch-gate.json)";
    }

    /// <summary>The check and its cause, in one line: the class and the message's first line, or what blocks it.</summary>
    private static string Cause(EvidenceCheck c, bool needsReview)
    {
        var seen = FirstLine(c.Message);
        if (needsReview) return $"{c.Id} is {c.Status}, needs review{(seen is null ? "" : $": {seen}")}";
        if (c.Status == EvidenceStatus.Blocked) return $"{c.Id} blocked by {c.BlockedBy ?? "an earlier check"}{(seen is null ? "" : $": {seen}")}";
        var cause = string.Join(": ", new[] { c.FailureClass is null or "success" ? null : c.FailureClass, seen }.OfType<string>());
        return $"{c.Id} {c.Status}{(cause.Length == 0 ? "" : $" ({cause})")}";
    }

    private static string? FirstLine(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return null;
        var line = message.ReplaceLineEndings("\n").Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
