using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Coverage;

/// <summary>The README's failure-class table is generated from contracts/failure-policy.json, so the two cannot drift.</summary>
public sealed class ReadmeFailureTableTests
{
    private const string Start = "<!-- failure-table:start (generated from contracts/failure-policy.json with the cometapi profile's overrides; UPDATE_README=1 dotnet test --filter ReadmeFailureTable rewrites it) -->";
    private const string End = "<!-- failure-table:end -->";

    [Fact]
    public void The_readme_failure_table_matches_the_policy_file()
    {
        var readme = File.ReadAllText(RepoPaths.Readme).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, "README.md must hold the table markers");
        end.Should().BeGreaterThan(start);

        var expected = FailureTable.Render(TestContracts.Policy.Document);
        var actual = readme[(start + Start.Length)..end].Trim('\n');
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(RepoPaths.Readme, readme[..(start + Start.Length)] + "\n" + expected + "\n" + readme[end..]);
            return;
        }

        actual.Should().Be(expected, "run `UPDATE_README=1 dotnet test --filter ReadmeFailureTable` after changing the policy");
    }
}
