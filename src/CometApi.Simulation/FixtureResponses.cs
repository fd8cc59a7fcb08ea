using System.Text.Json.Nodes;

namespace CometApi.Simulation;

/// <summary>
/// Reads, straight from the fixture files, the responses each (scenario, mode) serves: every mapping's
/// <c>Response</c> (<c>BodyAsJson</c> or <c>Body</c>, status, Content-Type, fault), an SSE file, or the stalled-body
/// responder's body file. A connection reset serves none.
/// </summary>
public static class FixtureResponses
{
    public static IReadOnlyList<FixtureResponse> Of(Scenario scenario, bool streaming, string fixturesRoot)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var mode = scenario.ModeFor(streaming)
            ?? throw new InvalidOperationException($"Scenario '{scenario.Name}' has no {(streaming ? "streaming" : "nonStreaming")} mode.");
        var headers = mode.Headers?.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);

        return mode.Kind switch
        {
            ScenarioModeKind.Mapping => FromMappingFile(fixturesRoot, mode.Mapping!),
            ScenarioModeKind.Sse => [FromFile(fixturesRoot, mode.Sse!, headers, FixtureResponse.EventStream)],
            _ when mode.Responder == ScenarioSimulator.StalledBodyResponderName => [FromFile(fixturesRoot, mode.Body!, headers, FixtureResponse.Json)],
            _ => [],
        };
    }

    /// <summary>The response the scenario's expectation describes, or null when nothing answers (a connection reset).</summary>
    public static FixtureResponse? FinalOf(Scenario scenario, bool streaming, string fixturesRoot) =>
        Of(scenario, streaming, fixturesRoot).SingleOrDefault(r => r.IsFinal);

    private static FixtureResponse FromFile(string root, string relativePath, Dictionary<string, string>? headers, string defaultMediaType) =>
        new(relativePath, 200, MediaTypeOf(headers?.GetValueOrDefault("Content-Type")) ?? defaultMediaType,
            File.ReadAllText(Path.Combine(root, relativePath)), IsFinal: true);

    private static List<FixtureResponse> FromMappingFile(string root, string relativePath)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(root, relativePath)));
        var mappings = node is JsonArray list ? list.Select(m => m!.AsObject()).ToList() : [node!.AsObject()];
        return mappings.Select((mapping, i) => FromMapping(mapping, $"{relativePath}#{i}", isFinal: i == mappings.Count - 1)).ToList();
    }

    private static FixtureResponse FromMapping(JsonObject mapping, string source, bool isFinal)
    {
        var response = mapping["Response"]?.AsObject() ?? throw new InvalidDataException($"{source}: no Response.");
        var json = response["BodyAsJson"];
        var body = json?.ToJsonString() ?? response["Body"]?.GetValue<string>();
        var contentType = response["Headers"]?.AsObject()
            .FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
        return new FixtureResponse(
            source,
            response["StatusCode"]?.GetValue<int>() ?? 200,
            MediaTypeOf(contentType) ?? (json is not null ? FixtureResponse.Json : "text/plain"),
            WireMockFault.Apply(response["Fault"]?["Type"]?.GetValue<string>(), body),
            isFinal);
    }

    private static string? MediaTypeOf(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant();
}
