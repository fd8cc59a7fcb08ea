using System.Text.RegularExpressions;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Architecture;

/// <summary>
/// Which mode a test runs in is said by its attribute, never decided by a helper: nothing calls Skip.If/IfNot, every
/// test that starts a live check is [LiveFact]/[LiveTheory], every scenario run is offline by its attribute.
/// </summary>
public sealed partial class ModeAttributeTests
{
    private static readonly string[] SuiteFolders = ["tests"];

    [Fact]
    public void No_code_skips_a_test_at_run_time()
    {
        var offenders = SuiteSources().Where(s => DynamicSkip().IsMatch(s.Code)).Select(s => s.Path).ToList();

        offenders.Should().BeEmpty("a helper that skips its caller is a rule a plain [Fact] breaks; say the mode in the attribute");
    }

    [Fact]
    public void Every_test_that_starts_a_live_check_is_marked_live()
    {
        var unmarked = TestsCalling(@"LiveCheck\.Start\(|LiveSession\.Require\(")
            .Where(t => !t.Attribute.StartsWith("LiveFact", StringComparison.Ordinal) && !t.Attribute.StartsWith("LiveTheory", StringComparison.Ordinal))
            .Select(t => t.Where).ToList();

        unmarked.Should().BeEmpty("only [LiveFact]/[LiveTheory] report a live check that could not run as skipped");
    }

    [Fact]
    public void Every_scenario_run_is_offline_by_its_attribute()
    {
        var calls = TestsCalling(@"ScenarioRun\.ExecuteAsync\(").ToList();

        calls.Should().HaveCountGreaterThan(10, "the scan finds the scenario tests");
        calls.Where(t => !OfflineAttribute().IsMatch(t.Attribute)).Select(t => $"{t.Where} [{t.Attribute}]")
            .Should().BeEmpty("a live run skips simulated scenario runs, naming their live counterpart");
    }

    /// <summary>Each test method whose body matches <paramref name="call"/>, with the test attribute above it.</summary>
    private static IEnumerable<(string Where, string Attribute)> TestsCalling(string call) =>
        SuiteSources().SelectMany(source => TestMethod().Matches(source.Code)
            .Where(m => Regex.IsMatch(m.Groups["body"].Value, call))
            .Select(m => ($"{Path.GetFileName(source.Path)}:{m.Groups["name"].Value}", m.Groups["attribute"].Value)));

    private static IEnumerable<(string Path, string Code)> SuiteSources() =>
        SourceTree.Projects.Where(p => p.IsTestProject)
            .SelectMany(p => Directory.EnumerateFiles(p.Folder, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, SourceTree.CodeOf(f)));

    [GeneratedRegex(@"\bSkip\.(If|IfNot)\s*\(|new\s+SkipException\b")]
    private static partial Regex DynamicSkip();

    // A test attribute, the other attributes, the method, and its body up to the next member at class level.
    [GeneratedRegex(@"^    \[(?<attribute>(?:Live|Offline|Scenario|Skippable)?(?:Fact|Theory)\b[^\]]*)\][\s\S]*?^    public [^\n(]*?\b(?<name>\w+)\((?<body>[\s\S]*?)(?=^    (?:\[|public|private|internal)|^})", RegexOptions.Multiline)]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^(Offline|Scenario)(Fact|Theory)\b")]
    private static partial Regex OfflineAttribute();
}
