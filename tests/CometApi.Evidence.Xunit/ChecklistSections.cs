using System.Text.Json;
using CometApi.Simulation;

namespace CometApi.Evidence.Xunit;

/// <summary>One checklist row as the launch ticket shows it: id, section name and its pass condition in a few words.</summary>
public sealed record ChecklistSection(string Id, string Section, string PassCondition);

/// <summary>The rows of contracts/checklist.json, in the checklist's order.</summary>
public static class ChecklistSections
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ChecklistSection> Load(string? path = null) =>
        JsonSerializer.Deserialize<ChecklistFile>(File.ReadAllText(path ?? Path.Combine(RepoPaths.Contracts, "checklist.json")), Json)!.Rows;

    private sealed record ChecklistFile(IReadOnlyList<ChecklistSection> Rows);
}
