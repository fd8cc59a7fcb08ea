using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CometApi.Simulation;

/// <summary>Loads and checks <c>fixtures/scenarios.json</c>.</summary>
public sealed class FixtureCatalog
{
    public const string FileName = "scenarios.json";

    private static readonly Lazy<FixtureCatalog> DefaultLazy = new(() => Load(RepoPaths.Fixtures));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, Scenario> _byName;

    private FixtureCatalog(string root, string description, IReadOnlyList<Scenario> scenarios)
    {
        Root = root;
        Description = description;
        Scenarios = scenarios;
        _byName = scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The catalog of the repository's fixtures folder (<see cref="RepoPaths.Fixtures"/>), loaded once.</summary>
    public static FixtureCatalog Default => DefaultLazy.Value;

    /// <summary>The fixtures folder every relative path in the catalog is resolved against.</summary>
    public string Root { get; }

    public string Description { get; }

    public IReadOnlyList<Scenario> Scenarios { get; }

    public Scenario this[string name] =>
        _byName.TryGetValue(name, out var scenario) ? scenario : throw new KeyNotFoundException($"No scenario '{name}' in {FileName}.");

    /// <summary>Every (scenario, streaming) pair the catalog has a mode for.</summary>
    public IEnumerable<(Scenario Scenario, bool Streaming)> Cases()
    {
        foreach (var scenario in Scenarios)
        {
            if (scenario.Modes.NonStreaming is not null)
            {
                yield return (scenario, false);
            }

            if (scenario.Modes.Streaming is not null)
            {
                yield return (scenario, true);
            }
        }
    }

    /// <summary>Absolute path of a catalog-relative path.</summary>
    public string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    /// <summary>Reads <c>scenarios.json</c> from <paramref name="fixturesRoot"/> (default <see cref="RepoPaths.Fixtures"/>), applies mode overrides and validates it.</summary>
    /// <exception cref="InvalidDataException">The catalog is malformed or refers to missing files or unknown responders.</exception>
    public static FixtureCatalog Load(string? fixturesRoot = null)
    {
        var root = Path.GetFullPath(fixturesRoot ?? RepoPaths.Fixtures);
        var file = Path.Combine(root, FileName);
        var node = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
            ?? throw new InvalidDataException($"{file}: the top level must be an object.");

        ApplyModeOverrides(node, file);

        CatalogDocument document;
        try
        {
            document = node.Deserialize<CatalogDocument>(JsonOptions)
                ?? throw new InvalidDataException($"{file}: empty document.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: {ex.Message}", ex);
        }

        var problems = Validate(document.Scenarios, root);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{file} has {problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        return new FixtureCatalog(root, document.Description, document.Scenarios);
    }

    // A mode's "expect" holds only the fields that differ; lay them over a copy of the scenario's "expect"
    // so every mode carries a complete expectation (an explicit null in the override wins).
    private static void ApplyModeOverrides(JsonObject document, string file)
    {
        if (document["scenarios"] is not JsonArray scenarios)
        {
            throw new InvalidDataException($"{file}: 'scenarios' must be an array.");
        }

        foreach (var scenario in scenarios.OfType<JsonObject>())
        {
            var name = scenario["name"]?.GetValue<string>() ?? "(unnamed)";
            if (scenario["expect"] is not JsonObject expect)
            {
                throw new InvalidDataException($"{file}: scenario '{name}' has no 'expect' object.");
            }

            if (scenario["modes"] is not JsonObject modes)
            {
                continue; // reported by validation
            }

            foreach (var (_, modeNode) in modes.ToList())
            {
                if (modeNode is not JsonObject mode)
                {
                    continue;
                }

                var merged = (JsonObject)expect.DeepClone();
                if (mode["expect"] is JsonObject overrides)
                {
                    foreach (var (field, value) in overrides)
                    {
                        merged[field] = value?.DeepClone();
                    }
                }

                mode["expect"] = merged;
            }
        }
    }

    private static List<string> Validate(IReadOnlyList<Scenario> scenarios, string root)
    {
        var problems = new List<string>();
        if (scenarios.Count == 0)
        {
            problems.Add("no scenarios");
        }

        foreach (var duplicate in scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"scenario name '{duplicate.Key}' is used {duplicate.Count()} times");
        }

        foreach (var scenario in scenarios)
        {
            if (string.IsNullOrWhiteSpace(scenario.Name))
            {
                problems.Add("a scenario has an empty name");
            }

            if (scenario.Modes.NonStreaming is null && scenario.Modes.Streaming is null)
            {
                problems.Add($"{scenario.Name}: no modes");
            }

            Check(scenario, "nonStreaming", scenario.Modes.NonStreaming);
            Check(scenario, "streaming", scenario.Modes.Streaming);
        }

        return problems;

        void Check(Scenario scenario, string modeName, ScenarioMode? mode)
        {
            if (mode is null)
            {
                return;
            }

            var where = $"{scenario.Name}.{modeName}";
            var kinds = new[] { mode.Mapping, mode.Sse, mode.Responder }.Count(v => v is not null);
            if (kinds != 1)
            {
                problems.Add($"{where}: set exactly one of 'mapping', 'sse', 'responder' (found {kinds})");
            }

            RequireFile(where, "mapping", mode.Mapping);
            RequireFile(where, "sse", mode.Sse);
            RequireFile(where, "body", mode.Body);

            if (mode.Responder is not null && !ScenarioSimulator.ResponderNames.Contains(mode.Responder))
            {
                problems.Add($"{where}: unknown responder '{mode.Responder}' (known: {string.Join(", ", ScenarioSimulator.ResponderNames)})");
            }

            if (mode.Responder == ScenarioSimulator.StalledBodyResponderName && mode.Body is null)
            {
                problems.Add($"{where}: the {ScenarioSimulator.StalledBodyResponderName} responder needs a 'body' file");
            }

            if (mode.PauseMs < 0)
            {
                problems.Add($"{where}: pauseMs must not be negative");
            }

            if (mode.Expect.Attempts < 1)
            {
                problems.Add($"{where}: expect.attempts must be at least 1");
            }

            if (string.IsNullOrWhiteSpace(mode.Expect.Class))
            {
                problems.Add($"{where}: expect.class is empty");
            }
        }

        void RequireFile(string where, string field, string? relativePath)
        {
            if (relativePath is not null && !File.Exists(Path.Combine(root, relativePath)))
            {
                problems.Add($"{where}: {field} file '{relativePath}' does not exist under {root}");
            }
        }
    }

    private sealed record CatalogDocument
    {
        public string Description { get; init; } = "";

        public required IReadOnlyList<Scenario> Scenarios { get; init; }
    }
}
