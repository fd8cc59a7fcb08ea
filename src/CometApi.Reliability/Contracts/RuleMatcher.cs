using CometApi.Reliability.Classification;

namespace CometApi.Reliability.Contracts;

/// <summary>Matches one rule condition against the signals of an attempt.</summary>
internal static class RuleMatcher
{
    public static bool Matches(RuleCondition when, ResponseSignals s) =>
        (when.Status is null || (s.Status is int st && when.Status.Contains(st)))
        && (when.StatusFrom is null || s.Status >= when.StatusFrom)
        && (when.StatusTo is null || s.Status <= when.StatusTo)
        && AnyOf(when.ErrorCode, s.ErrorCode)
        && AnyOf(when.ErrorType, s.ErrorType)
        && (when.Body is null || when.Body.Any(b => SignalNames.Bodies[b] == s.Body))
        && (when.Transport is null || when.Transport.Any(t => SignalNames.Transports[t] == s.Transport))
        && (when.Stream is null || when.Stream.Any(t => SignalNames.Streams[t] == s.Stream))
        && AnyOf(when.FinishReason, s.FinishReason)
        && (when.Refusal is null || when.Refusal == s.Refusal)
        && (when.EmptyContent is null || when.EmptyContent == s.EmptyContent);

    private static bool AnyOf(string[]? allowed, string? actual) =>
        allowed is null || (actual is not null && allowed.Contains(actual, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<string> Validate(RuleCondition when)
    {
        if (when == new RuleCondition())
            yield return "has no condition (it would match everything; use defaultClass for that)";
        foreach (var p in Unknown(when.Body, SignalNames.Bodies.Keys, "body")) yield return p;
        foreach (var p in Unknown(when.Transport, SignalNames.Transports.Keys, "transport")) yield return p;
        foreach (var p in Unknown(when.Stream, SignalNames.Streams.Keys, "stream")) yield return p;
        if (when.StatusFrom > when.StatusTo)
            yield return $"statusFrom {when.StatusFrom} is above statusTo {when.StatusTo}";
    }

    private static IEnumerable<string> Unknown(string[]? values, IEnumerable<string> known, string field) =>
        (values ?? []).Where(v => !known.Contains(v))
            .Select(v => $"{field} '{v}' is not one of: {string.Join(", ", known)}");
}
