using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Canary;

/// <summary>The rollback thresholds (contracts/rollback-criteria.json).</summary>
public sealed record RollbackCriteria(
    int MinCallsPerWindow,
    long MaxAuthOrConfigErrors,
    double MaxUnknownShapeRate,
    double MaxTimeoutRate,
    int TimeoutSustainedWindows,
    double MaxFallbackRate,
    double MaxFallbackTokenShare,
    double MinUsageCoverage,
    double? ExpectedTokensPerCall,
    double MaxTokensPerCallDeviation)
{
    public static RollbackCriteria Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), RollbackJsonContext.Default.RollbackCriteria)
        ?? throw new InvalidDataException($"{path} holds no rollback criteria");
}

public sealed record RollbackDecision(bool Rollback, IReadOnlyList<string> Reasons);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RollbackCriteria))]
internal sealed partial class RollbackJsonContext : JsonSerializerContext;

/// <summary>ROLLBACK: applies the checklist's rollback criteria to the latest canary windows (newest last).</summary>
public static class RollbackEvaluator
{
    public static RollbackDecision Evaluate(IReadOnlyList<CanaryWindow> windows, RollbackCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(criteria);
        var reasons = new List<string>();
        if (windows.Count == 0) return new RollbackDecision(false, reasons);
        var latest = windows[^1];
        var inv = CultureInfo.InvariantCulture;

        var authOrConfig = latest.Count(FailureClass.Authentication, FailureClass.PermissionDenied, FailureClass.Configuration);
        if (authOrConfig > criteria.MaxAuthOrConfigErrors)
            reasons.Add(string.Create(inv, $"{authOrConfig} authentication or configuration error(s) in production (max {criteria.MaxAuthOrConfigErrors})"));

        if (latest.Calls < criteria.MinCallsPerWindow)
            return new RollbackDecision(reasons.Count > 0, reasons);

        var unknown = latest.Rate(FailureClass.UnknownShape);
        if (unknown > criteria.MaxUnknownShapeRate)
            reasons.Add(string.Create(inv, $"unknown response shapes at {Percent(unknown)} (max {Percent(criteria.MaxUnknownShapeRate)})"));

        var sustained = windows.TakeLast(criteria.TimeoutSustainedWindows).ToList();
        if (sustained.Count == criteria.TimeoutSustainedWindows
            && sustained.All(w => w.Calls >= criteria.MinCallsPerWindow && w.TimeoutRate > criteria.MaxTimeoutRate))
            reasons.Add(string.Create(inv, $"timeouts above {Percent(criteria.MaxTimeoutRate)} for {criteria.TimeoutSustainedWindows} windows in a row (latest {Percent(latest.TimeoutRate)})"));

        var fallbackRate = (double)latest.Fallbacks / latest.Calls;
        if (fallbackRate > criteria.MaxFallbackRate)
            reasons.Add(string.Create(inv, $"fallback used for {Percent(fallbackRate)} of calls (max {Percent(criteria.MaxFallbackRate)})"));
        if (latest.Tokens > 0 && (double)latest.FallbackTokens / latest.Tokens > criteria.MaxFallbackTokenShare)
            reasons.Add(string.Create(inv, $"fallback answered {Percent((double)latest.FallbackTokens / latest.Tokens)} of tokens (cost limit {Percent(criteria.MaxFallbackTokenShare)})"));

        var successes = latest.Count(FailureClass.Success);
        if (successes > 0)
        {
            var coverage = (double)latest.SuccessfulCallsWithUsage / successes;
            if (coverage < criteria.MinUsageCoverage)
                reasons.Add(string.Create(inv, $"usage inconsistent with volume: only {Percent(coverage)} of successful calls reported usage (min {Percent(criteria.MinUsageCoverage)})"));
            if (criteria.ExpectedTokensPerCall is { } expected && latest.SuccessfulCallsWithUsage > 0)
            {
                var perCall = (double)latest.Tokens / latest.SuccessfulCallsWithUsage;
                if (Math.Abs(perCall - expected) > expected * criteria.MaxTokensPerCallDeviation)
                    reasons.Add(string.Create(inv, $"usage inconsistent with volume: {perCall:0.#} tokens per call, expected {expected:0.#} ± {Percent(criteria.MaxTokensPerCallDeviation)}"));
            }
        }

        return new RollbackDecision(reasons.Count > 0, reasons);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
