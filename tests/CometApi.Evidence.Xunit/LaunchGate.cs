using System.Text.Json.Nodes;
using CometApi.Simulation;
using CometApi.Live.Support;

namespace CometApi.Evidence.Xunit;

/// <summary>GATE: names every blocker between this evidence and a launch; "go" only when there is none.</summary>
public sealed class LaunchGate
{
    private LaunchGate(JsonObject file) => File = file;

    public JsonObject File { get; }

    public static LaunchGate Load(string? path = null) =>
        new(JsonNode.Parse(System.IO.File.ReadAllText(path ?? Path.Combine(RepoPaths.Contracts, "launch-gate.json")))!.AsObject());

    public IEnumerable<KeyValuePair<string, string?>> TicketFields =>
        File["ticket"]!.AsObject().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.GetValue<string>()));

    public JsonObject Documentation => File["documentation"]!.AsObject();

    public GateVerdict Evaluate(IReadOnlyList<EvidenceCheck> checks)
    {
        var blockers = new List<string>();
        foreach (var (field, value) in TicketFields)
        {
            if (string.IsNullOrWhiteSpace(value)) blockers.Add($"ticket field '{field}' is not filled in (contracts/launch-gate.json)");
        }

        foreach (var category in File["requiredEvidence"]!.AsArray().Select(c => c!.AsObject()))
        {
            var name = category["name"]!.GetValue<string>();
            var prefixes = category["checkPrefixes"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            var inCategory = checks.Where(c => prefixes.Any(p => c.Id.StartsWith(p, StringComparison.Ordinal))).ToList();
            var failed = inCategory.Where(c => c.Status == "failed").Select(c => c.Id).ToList();
            if (failed.Count > 0)
                blockers.Add($"{name}: {failed.Count} failed check(s): {string.Join(", ", failed.Take(5))}");
            else if (!inCategory.Any(c => c.Status == "passed" && c.Target == "live"))
                blockers.Add(inCategory.Any(c => c.Status == "passed")
                    ? $"{name}: only simulated evidence; run the live checks (run-live.ps1)"
                    : $"{name}: no evidence");
        }

        return new GateVerdict(blockers.Count == 0 ? "go" : "no-go", blockers);
    }
}
