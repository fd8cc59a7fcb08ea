using System.Reflection;
using System.Text.Json;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Coverage;

/// <summary>Every checklist row of contracts/checklist.json has tests, and every test tag names a real row.</summary>
public sealed class ChecklistCoverageTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Every_checklist_row_has_at_least_one_test()
    {
        var tagged = TaggedTests();

        var missing = Checklist().Where(r => !tagged.ContainsKey(r.Id)).Select(r => $"{r.Id} ({r.Section})").ToList();

        missing.Should().BeEmpty("each checklist row must be proven by a test tagged [Checklist(\"ID\")]");
    }

    [Fact]
    public void Every_checklist_tag_names_a_row_of_the_checklist()
    {
        var ids = Checklist().Select(r => r.Id).ToHashSet();

        TaggedTests().Keys.Should().BeSubsetOf(ids);
    }

    [Fact]
    public void Every_catalog_scenario_is_tagged_with_known_checklist_rows()
    {
        var ids = Checklist().Select(r => r.Id).ToHashSet();

        FixtureCatalog.Default.Scenarios.Should().AllSatisfy(s => s.Checklist.Should().NotBeEmpty().And.BeSubsetOf(ids, s.Name));
    }

    internal static IReadOnlyList<ChecklistRow> Checklist() =>
        JsonSerializer.Deserialize<ChecklistFile>(File.ReadAllText(Path.Combine(RepoPaths.Contracts, "checklist.json")), Json)!.Rows;

    /// <summary>Checklist id -> the test methods tagged with it (directly or through their class).</summary>
    private static Dictionary<string, List<string>> TaggedTests()
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var type in typeof(ChecklistCoverageTests).Assembly.GetTypes())
        {
            var classIds = type.GetCustomAttributes<ChecklistAttribute>().SelectMany(a => a.Ids).ToList();
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            {
                foreach (var id in classIds.Concat(method.GetCustomAttributes<ChecklistAttribute>().SelectMany(a => a.Ids)))
                {
                    if (!result.TryGetValue(id, out var list)) result[id] = list = [];
                    list.Add($"{type.Name}.{method.Name}");
                }
            }
        }

        return result;
    }

    internal sealed record ChecklistFile(IReadOnlyList<ChecklistRow> Rows);

    internal sealed record ChecklistRow(string Id, string Section, string MustShow);
}
