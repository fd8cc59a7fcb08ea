using System.Text.Json;
using System.Text.RegularExpressions;
using CometApi.Live.Checks;

namespace CometApi.ContractTests.Live;

/// <summary>contracts/live-checks.json and the code of the live checks: one row, one check, one [LiveFact] that reports it.</summary>
public sealed partial class LiveCheckCatalogTests
{
    [Fact]
    public void Every_row_has_its_code_a_checklist_section_and_a_pass_condition_and_minimal_request_comes_first()
    {
        var catalog = LiveCheckCatalog.Default;
        using var checklist = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Contracts, "checklist.json")));
        var sections = checklist.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();

        catalog.Entries.Should().OnlyContain(e => e.Definition.Id == e.Check.Id);
        catalog.Entries[0].Definition.Id.Should().Be("CL2.minimal-request");
        catalog.Plan.Checks.Should().OnlyContain(d => sections.Contains(d.Section) && d.Id.StartsWith(d.Section + ".", StringComparison.Ordinal));
        catalog.Plan.Checks.Should().OnlyContain(d => d.PassCondition.Length > 20 && d.Requests >= 1);
        catalog.Plan.Checks.Skip(1).Should().OnlyContain(d => d.DependsOn.Contains("CL2.minimal-request"));
    }

    [Fact]
    public void Every_check_is_reported_by_exactly_one_live_test()
    {
        var reported = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "CometApi.ContractTests", "Sections"), "*.cs")
            .SelectMany(f => ReportCall().Matches(File.ReadAllText(f)).Select(m => m.Groups["id"].Value)).ToList();

        reported.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(LiveCheckCatalog.Default.Plan.Checks.Select(d => d.Id));
    }

    [Fact]
    public void The_readme_table_shows_every_check_with_its_pass_condition_and_every_defect_row()
    {
        var readme = File.ReadAllText(RepoPaths.Readme);
        using var matrix = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "defect-provider", "defect-matrix.json")));

        foreach (var check in LiveCheckCatalog.Default.Plan.Checks)
            readme.Should().Contain($"| `{check.Id}` |").And.Contain($"| {check.PassCondition} |", "the README's live verdicts table mirrors contracts/live-checks.json");
        foreach (var row in matrix.RootElement.GetProperty("rows").EnumerateArray())
            readme.Should().Contain($"| {row.GetProperty("defect").GetString()} |", "the README's defect table mirrors the matrix");
    }

    [Theory]
    [InlineData("""{"blockingClasses":[],"checks":[{"id":"B","section":"CL2","dependsOn":["A"],"passCondition":"p"},{"id":"A","section":"CL2","passCondition":"p"}]}""", "not listed before it")]
    [InlineData("""{"blockingClasses":[],"checks":[{"id":"A","section":"CL2","needs":"luck","passCondition":"p"}]}""", "needs 'luck'")]
    [InlineData("""{"blockingClasses":[],"checks":[{"id":"A","section":"CL2","passCondition":"p"},{"id":"A","section":"CL2","passCondition":"p"}]}""", "listed twice")]
    public void A_plan_out_of_order_with_unknown_needs_or_a_duplicate_is_refused(string json, string says)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);
            FluentActions.Invoking(() => LiveCheckPlan.Load(path)).Should().Throw<InvalidOperationException>().WithMessage($"*{says}*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_row_without_code_is_refused()
    {
        var plan = LiveCheckCatalog.Default.Plan;
        var extra = plan with { Checks = [.. plan.Checks, new LiveCheckDefinition { Id = "CL9.nothing", Section = "CL2", PassCondition = "never written" }] };

        FluentActions.Invoking(() => new LiveCheckCatalog(extra)).Should().Throw<InvalidOperationException>().WithMessage("*CL9.nothing*");
    }

    [GeneratedRegex("""LiveCheckReport\.ReportAsync\("(?<id>[^"]+)"\)""")]
    private static partial Regex ReportCall();
}
