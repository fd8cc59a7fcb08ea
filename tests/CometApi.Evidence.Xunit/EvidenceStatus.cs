namespace CometApi.Evidence.Xunit;

/// <summary>
/// The status of an evidence record. xunit knows passed, failed and skipped; a live check can publish blocked
/// (an earlier check it depends on failed, so it sent nothing) or inconclusive (what it saw decides nothing), and
/// that published status wins over xunit's skipped or passed. A test that fails stays failed.
/// </summary>
public static class EvidenceStatus
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Inconclusive = "inconclusive";
    public const string Blocked = "blocked";
    public const string Skipped = "skipped";

    public static IReadOnlyList<string> All { get; } = [Passed, Failed, Inconclusive, Blocked, Skipped];

    /// <summary>The status of a record: the published one unless xunit saw the test fail.</summary>
    public static string Resolve(string? published, string xunit) =>
        published is null || xunit == Failed ? xunit : published;
}

/// <summary>What a check really ran against.</summary>
public static class EvidenceTargets
{
    public const string Simulated = "simulated";
    public const string Live = "live";
    public const string LiveSimulated = "live-simulated";

    public static bool IsLive(string target) => target is Live or LiveSimulated;
}
