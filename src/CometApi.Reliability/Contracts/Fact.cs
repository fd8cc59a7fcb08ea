namespace CometApi.Reliability.Contracts;

/// <summary>One provider fact with its provenance, as the checklist's CL1 asks.</summary>
public sealed record Fact<T>(T Value, string Evidence, string Source, string Accessed);

public static class EvidenceLevels
{
    public const string Documented = "documented";
    public const string Observed = "observed";
    public const string Runtime = "runtime";
    public const string Unverified = "unverified";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { Documented, Observed, Runtime, Unverified };
}
