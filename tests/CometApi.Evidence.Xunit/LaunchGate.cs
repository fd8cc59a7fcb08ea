using System.Text.Json.Nodes;
using CometApi.Simulation;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// GATE: names every blocker between this evidence and a launch; "go" only when there is none. What it reads
/// (ticket fields, evidence categories, which statuses block and which need review) is contracts/launch-gate.json.
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

    private List<string> Statuses(string field) =>
        File[field]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];

    public GateVerdict Evaluate(IReadOnlyList<EvidenceCheck> checks)
    {
        var blockers = new List<string>();
        foreach (var (field, value) in TicketFields)
        {
            if (string.IsNullOrWhiteSpace(value)) blockers.Add($"ticket field '{field}' is not filled in (contracts/launch-gate.json)");
        }

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
