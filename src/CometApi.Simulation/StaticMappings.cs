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
        var mappings = Read(path);
        var before = server.Mappings.Count;
        server.WithMapping(new JsonArray(mappings.Select(m => (JsonNode)route.Apply(m, streaming)).ToArray()).ToJsonString());
        if (server.Mappings.Count == before && mappings.Count > 0)
        {
            throw new InvalidOperationException($"WireMock could not read the mapping file '{path}'.");
        }

        return mappings.Count;
    }
}
