using System.Text.RegularExpressions;
using CometApi.Simulation;
using CometApi.Live.Support;
using CometApi.Live;

namespace CometApi.Evidence.Xunit;

/// <summary>Turns the run's checklist-tagged test outcomes into one evidence bundle.</summary>
internal static partial class EvidenceRun
{
    public const string SchemaVersion = "1";

    public static EvidenceBundle Build(IReadOnlyList<TestOutcome> outcomes, LiveSettings? settings = null, LaunchGate? gate = null)
    {
        settings ??= LiveSettings.Current;
        gate ??= LaunchGate.Load();
        var checks = outcomes
            .Select(ToCheck)
            .GroupBy(c => c.Id).SelectMany(Disambiguate)
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var doc = gate.Documentation;
        var live = LiveSession.Started;
        return new EvidenceBundle(
            SchemaVersion,
            settings.RunId,
            DateTimeOffset.UtcNow,
            new EvidenceTarget(
                settings.Enabled ? (settings.Simulate ? "live-simulated" : "live") : "simulated",
                settings.Enabled ? live?.BaseUrl ?? settings.BaseUrl ?? "(not configured)" : "embedded WireMock simulations",
                settings.Enabled ? live?.Model ?? settings.Model : null,
                settings.Enabled ? settings.Budget : null,
                live?.Budget.Spent),
            new DocumentationEvidence(
                (string?)doc["url"] ?? "", (string?)doc["accessed"] ?? "", (string?)doc["section"] ?? "",
                (string?)doc["apiReference"] ?? "", (string?)doc["reviewedBy"] ?? "(not filled in)"),
            checks,
            new UsageTotals(checks.Count, checks.Count(c => c.Status == "passed"), checks.Count(c => c.Status == "failed"),
                checks.Count(c => c.Status == "skipped"), checks.Sum(c => c.Attempts),
                outcomes.Sum(o => o.Note?.PromptTokens ?? 0), outcomes.Sum(o => o.Note?.CompletionTokens ?? 0)),
            gate.Evaluate(checks));
    }

    private static EvidenceCheck ToCheck(TestOutcome o) => new(
        o.Note?.Id ?? $"{o.Checklist}.{Kebab(o.Method)}{Arguments(o.DisplayName)}",
        o.Status,
        o.DisplayName,
        o.Note?.Target ?? "simulated",
        o.Note?.FailureClass,
        o.Note?.HttpStatus,
        o.Note?.RequestIds ?? [],
        o.Note?.Attempts ?? 0,
        Math.Round(o.Note?.DurationMs ?? o.DurationMs, 1),
        o.Note?.Excerpts ?? [],
        o.Message is null ? null : FirstLine(o.Message));

    /// <summary>Theory rows without a note of their own would share an id: number them.</summary>
    private static IEnumerable<EvidenceCheck> Disambiguate(IGrouping<string, EvidenceCheck> group) =>
        group.Count() == 1 ? group : group.Select((c, i) => c with { Id = $"{c.Id}#{i + 1}" });

    private static string Kebab(string method) => method.Replace('_', '-').ToLowerInvariant();

    private static string Arguments(string displayName) =>
        displayName.IndexOf('(', StringComparison.Ordinal) is var i and >= 0
            ? "[" + NonWord().Replace(displayName[(i + 1)..].TrimEnd(')'), "-").Trim('-').ToLowerInvariant() + "]"
            : "";

    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n')[0];
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    [GeneratedRegex(@"[^A-Za-z0-9.]+")]
    private static partial Regex NonWord();
}
