using System.Text.Json.Nodes;
using WireMock.Server;

namespace CometApi.Simulation;

/// <summary>
/// Static WireMock.Net mapping files (one mapping or an array, the format <c>ReadStaticMappings</c> reads), mounted
/// through a <see cref="ScenarioRoute"/>. On the default route a file is mounted exactly as it is written.
/// </summary>
public static class StaticMappings
{
    /// <summary>The mappings of one file, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is not a mapping object or an array of them.</exception>
    public static IReadOnlyList<JsonObject> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("Mapping file not found.", path);
        }

        return JsonNode.Parse(File.ReadAllText(path)) switch
        {
            JsonObject single => [single],
            JsonArray list => list.Select(m => m as JsonObject ?? throw new InvalidDataException($"{path}: every array item must be a mapping object.")).ToList(),
            _ => throw new InvalidDataException($"{path}: a mapping file holds one mapping object or an array of them."),
        };
    }

    /// <summary>Mounts every mapping of <paramref name="path"/> on <paramref name="route"/>; returns how many.</summary>
    /// <exception cref="InvalidOperationException">WireMock registered none of them.</exception>
    public static int Mount(WireMockServer server, string path, ScenarioRoute route, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(route);
        var routed = Read(path).Select(m => route.Apply(m, streaming)).ToList();
        var before = server.Mappings.Count;
        server.WithMapping(new JsonArray(routed.Select(m => (JsonNode)m).ToArray()).ToJsonString());

        // Re-mounting a file replaces its mappings (same Guid), so look for each Guid rather than count.
        var guids = routed.Select(m => m["Guid"]?.GetValue<string>()).ToList();
        var mounted = guids.All(g => g is not null)
            ? guids.Select(g => Guid.Parse(g!)).ToHashSet().IsSubsetOf(server.Mappings.Select(m => m.Guid))
            : server.Mappings.Count > before;
        if (!mounted && routed.Count > 0)
        {
            throw new InvalidOperationException($"WireMock could not read the mapping file '{path}'.");
        }

        return routed.Count;
    }
}
