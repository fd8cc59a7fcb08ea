using System.Text.RegularExpressions;
using CometApi.Live;
using CometApi.Live.Support;
using CometApi.Simulation;

namespace CometApi.Evidence.Xunit;

/// <summary>Turns the run's checklist-tagged test outcomes and the records they published into one evidence bundle.</summary>
internal static partial class EvidenceRun
{
    public const string SchemaVersion = "3";

    /// <summary>A message is kept whole up to this many characters (drift paths and all), then cut with a note.</summary>
    public const int MessageCap = 4000;

    /// <param name="service">What the service runs; by default resolved from the settings' provider and COMETAPI_CLIENT_STACK.</param>
    public static EvidenceBundle Build(IReadOnlyList<TestOutcome> outcomes, LiveSettings? settings = null, LaunchGate? gate = null, DateTimeOffset? now = null,
        ServiceEvidence? service = null)
    {
        settings ??= LiveSettings.Current;
        gate ??= LaunchGate.Load();
        service ??= ServiceEvidence.FromEnvironment(gate, settings, Environment.GetEnvironmentVariable, RepoPaths.Root);
        var checks = outcomes
            .SelectMany(ToChecks)
            .GroupBy(c => c.Id).SelectMany(Disambiguate)
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var doc = gate.Documentation;
        var live = LiveSession.Started;
        var records = outcomes.SelectMany(o => o.Records).ToList();
        return new EvidenceBundle(
            SchemaVersion,
            settings.RunId,
            now ?? DateTimeOffset.UtcNow,
            new EvidenceTarget(
                settings.Enabled ? (settings.Simulate ? EvidenceTargets.LiveSimulated : EvidenceTargets.Live) : EvidenceTargets.Simulated,
                settings.Enabled ? live?.BaseUrl ?? settings.BaseUrl ?? "(not configured)" : "embedded WireMock simulations",
                settings.Enabled ? live?.Model ?? settings.Model : null,
                settings.Enabled ? settings.Budget : null,
                live?.Budget.Spent),
            new DocumentationEvidence(
                (string?)doc["url"] ?? "", (string?)doc["accessed"] ?? "", (string?)doc["section"] ?? "",
                (string?)doc["apiReference"] ?? "", (string?)doc["reviewedBy"] ?? "(not filled in)"),
            service,
            checks,
            new UsageTotals(checks.Count, Count(checks, EvidenceStatus.Passed), Count(checks, EvidenceStatus.Failed),
                Count(checks, EvidenceStatus.Inconclusive), Count(checks, EvidenceStatus.Blocked), Count(checks, EvidenceStatus.Skipped),
                checks.Sum(c => c.Attempts), records.Sum(r => r.PromptTokens), records.Sum(r => r.CompletionTokens)),
            gate.Evaluate(checks, service));
    }

    /// <summary>One check per id the test published (the last record of an id wins), or one for the test itself.</summary>
    private static IEnumerable<EvidenceCheck> ToChecks(TestOutcome o)
    {
        if (o.Records.Count == 0) return [ToCheck(o, new EvidenceRecord())];
        return o.Records.GroupBy(r => r.Id).Select(g => ToCheck(o, g.Last()));
    }

    private static EvidenceCheck ToCheck(TestOutcome o, EvidenceRecord r)
    {
        var id = r.Id ?? $"{o.Checklist}.{Kebab(o.Method)}{Arguments(o.DisplayName)}";
        var status = EvidenceStatus.Resolve(r.Status, o.Status);
        var message = status switch
        {
            EvidenceStatus.Passed => r.Message,
            EvidenceStatus.Blocked or EvidenceStatus.Inconclusive when r.Status == status => r.Message ?? o.Message,
            _ => o.Message ?? r.Message,
        };
        return new EvidenceCheck(
            id, id.Split('.')[0], status, o.DisplayName, r.Target,
            status == EvidenceStatus.Blocked ? r.BlockedBy : null,
            r.FailureClass, r.HttpStatus, r.RequestIds, r.Attempts,
            Math.Round(r.Attempts > 0 || r.DurationMs > 0 ? r.DurationMs : o.DurationMs, 1),
            r.Excerpts.Select(e => SecretRegistry.Redact(e)).ToList(),
            r.Observations,
            message is null ? null : Whole(message));
    }

    /// <summary>
    /// Checks of different tests that share an id: told apart by their theory arguments when that is enough, else
    /// numbered in the order of their test names (never in the order the runner finished them).
    /// </summary>
    private static IEnumerable<EvidenceCheck> Disambiguate(IGrouping<string, EvidenceCheck> group)
    {
        if (group.Count() == 1) return group;
        var byArguments = group.Select(c => c with { Id = c.Id + Arguments(c.Test) }).ToList();
        if (byArguments.Select(c => c.Id).Distinct().Count() == byArguments.Count) return byArguments;
        return group.OrderBy(c => c.Test, StringComparer.Ordinal).Select((c, i) => c with { Id = $"{c.Id}#{i + 1}" });
    }

    private static int Count(IEnumerable<EvidenceCheck> checks, string status) => checks.Count(c => c.Status == status);

    private static string Kebab(string method) => method.Replace('_', '-').ToLowerInvariant();

    private static string Arguments(string displayName) =>
        displayName.IndexOf('(', StringComparison.Ordinal) is var i and >= 0
            ? "[" + NonWord().Replace(displayName[(i + 1)..].TrimEnd(')'), "-").Trim('-').ToLowerInvariant() + "]"
            : "";

    /// <summary>The whole message, every line, redacted; cut at <see cref="MessageCap"/> characters with a note.</summary>
    internal static string Whole(string message)
    {
        var text = SecretRegistry.Redact(message.ReplaceLineEndings("\n").TrimEnd());
        return text.Length <= MessageCap ? text : text[..MessageCap] + $"\n… ({text.Length - MessageCap} more characters cut)";
    }

    [GeneratedRegex(@"[^A-Za-z0-9.]+")]
    private static partial Regex NonWord();
}
