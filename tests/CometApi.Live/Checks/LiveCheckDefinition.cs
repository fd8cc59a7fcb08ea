using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Simulation;

namespace CometApi.Live.Checks;

/// <summary>One row of contracts/live-checks.json: what a live check may spend, what it depends on, and its pass condition.</summary>
public sealed record LiveCheckDefinition
{
    public required string Id { get; init; }

    /// <summary>The checklist row (contracts/checklist.json) the check belongs to.</summary>
    public required string Section { get; init; }

    public int Requests { get; init; } = 1;
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary><see cref="NeedsEndpoint"/> or <see cref="NeedsAnswer"/>: what a failed dependency blocks.</summary>
    public string Needs { get; init; } = NeedsEndpoint;

    public bool NeedsRevokedKey { get; init; }
    public required string PassCondition { get; init; }

    /// <summary>Blocked only when a dependency ended in a blocking class (the endpoint or key is wrong).</summary>
    public const string NeedsEndpoint = "endpoint";

    /// <summary>Blocked whenever a dependency failed: the check needs a working answer.</summary>
    public const string NeedsAnswer = "answer";
}

/// <summary>contracts/live-checks.json: the checks in run order and the classes of a dependency's failure that block.</summary>
public sealed record LiveCheckPlan
{
    public string Description { get; init; } = "";
    public required IReadOnlyList<string> BlockingClasses { get; init; }
    public required IReadOnlyList<LiveCheckDefinition> Checks { get; init; }

    public static string DefaultPath => Path.Combine(RepoPaths.Contracts, "live-checks.json");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static LiveCheckPlan Load(string? path = null)
    {
        path ??= DefaultPath;
        var plan = JsonSerializer.Deserialize<LiveCheckPlan>(File.ReadAllText(path), Json)
                   ?? throw new InvalidOperationException($"'{path}' holds no live check plan");
        plan.Validate(path);
        return plan;
    }

    /// <summary>Ids unique, dependencies known and listed earlier (the file's order is the run order), needs known.</summary>
    private void Validate(string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in Checks)
        {
            foreach (var dependency in check.DependsOn)
                if (!seen.Contains(dependency))
                    throw new InvalidOperationException($"{path}: {check.Id} depends on '{dependency}', which is not listed before it");
            if (check.Needs is not (LiveCheckDefinition.NeedsEndpoint or LiveCheckDefinition.NeedsAnswer))
                throw new InvalidOperationException($"{path}: {check.Id} needs '{check.Needs}' (endpoint or answer)");
            if (!seen.Add(check.Id)) throw new InvalidOperationException($"{path}: {check.Id} is listed twice");
        }
    }
}
