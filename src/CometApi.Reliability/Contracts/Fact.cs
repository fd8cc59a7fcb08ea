namespace CometApi.Reliability.Contracts;

/// <summary>One provider fact with its provenance, as the checklist's CL1 asks.</summary>
public sealed record Fact<T>(T Value, string Evidence, string Source, string Accessed);

/// <summary>
/// How a fact is known. The checklist's letters: D documented by the provider, O observed by a third party,
/// I inferred (stored as <c>unverified</c>: nobody documented or saw it), R our own runtime evidence (a live run).
/// </summary>
public static class EvidenceLevels
{
    public const string Documented = "documented";
    public const string Observed = "observed";
    public const string Runtime = "runtime";
    public const string Unverified = "unverified";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { Documented, Observed, Runtime, Unverified };

    /// <summary>The one-letter form used in tables: D, O, I, R.</summary>
    public static string Letter(string level) => level switch
    {
        Documented => "D",
        Observed => "O",
        Runtime => "R",
        Unverified => "I",
        _ => "?",
    };

    /// <summary>Weakest first: what a chain of facts is worth is its weakest link.</summary>
    public static int Strength(string level) => level switch
    {
        Runtime => 3,
        Documented => 2,
        Observed => 1,
        _ => 0,
    };
}
