using WireMock.ResponseProviders;
using WireMock.Server;

namespace CometApi.Simulation;

/// <summary>Mounts one scenario of the catalog on a WireMock server.</summary>
public static class ScenarioSimulator
{
    public const string ChatCompletionsPath = "/v1/chat/completions";

    public const string ConnectionResetResponderName = "connection-reset";

    public const string StalledBodyResponderName = "stalled-body";

    public static IReadOnlyList<string> ResponderNames { get; } = [ConnectionResetResponderName, StalledBodyResponderName];

    /// <summary>
    /// Mounts what serves <paramref name="scenario"/> for a streaming or non-streaming request: its static mapping file(s)
    /// (read with <c>ReadStaticMappingAndAddOrUpdate</c>, whatever paths they match) or a responder on
    /// <c>POST /v1/chat/completions</c>. Every mounted mapping has the scenario name as Title, so
    /// <c>server.LogEntries.Where(e =&gt; e.MappingTitle == scenario.Name)</c> counts the attempts.
    /// </summary>
    /// <returns>The mode's effective expectation.</returns>
    /// <exception cref="InvalidOperationException">The scenario has no such mode, or the mapping file mounted nothing.</exception>
    /// <param name="stalls">Told when a responder of the scenario stalls on purpose (stalled-body, a stalling stream).</param>
    public static ScenarioExpectation Mount(WireMockServer server, Scenario scenario, bool streaming, string fixturesRoot, StallSignals? stalls = null) =>
        Mount(server, scenario, streaming, fixturesRoot, ScenarioRoute.Default, stalls);

    /// <summary>
    /// Mounts one mode of <paramref name="scenario"/> on <paramref name="route"/>: the suite's one-scenario servers use
    /// <see cref="ScenarioRoute.Default"/>, the standalone simulator <see cref="ScenarioRoute.Selected"/> for every
    /// scenario and mode of the catalog on one server.
    /// </summary>
    public static ScenarioExpectation Mount(WireMockServer server, Scenario scenario, bool streaming, string fixturesRoot, ScenarioRoute route, StallSignals? stalls = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(fixturesRoot);
        ArgumentNullException.ThrowIfNull(route);

        var mode = scenario.ModeFor(streaming)
            ?? throw new InvalidOperationException($"Scenario '{scenario.Name}' has no {(streaming ? "streaming" : "nonStreaming")} mode.");

        if (mode.Kind == ScenarioModeKind.Mapping)
        {
            MountMappingFile(server, scenario.Name, Path.Combine(fixturesRoot, mode.Mapping!), route, streaming);
        }
        else
        {
            var mapping = server
                .Given(route.Request(streaming))
                .WithGuid(route.ResponderGuid(scenario.Name, streaming))
                .WithTitle(scenario.Name)
                .WithDescription(scenario.Description);
            if (route.ResponderPriority is { } priority)
            {
                mapping = mapping.AtPriority(priority);
            }

            mapping.RespondWith(CreateResponder(mode, fixturesRoot, stalls));
        }

        return mode.Expect;
    }

    /// <summary>Mounts with the repository's fixtures folder (<see cref="RepoPaths.Fixtures"/>).</summary>
    public static ScenarioExpectation Mount(WireMockServer server, Scenario scenario, bool streaming) =>
        Mount(server, scenario, streaming, RepoPaths.Fixtures);

    /// <summary>The responder for an sse or responder mode.</summary>
    public static IResponseProvider CreateResponder(ScenarioMode mode, string fixturesRoot, StallSignals? stalls = null)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(fixturesRoot);
        var headers = mode.Headers?.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);

        if (mode.Sse is not null)
        {
            var text = File.ReadAllText(Path.Combine(fixturesRoot, mode.Sse));
            return new TimedSseResponder(text, mode.End, mode.Pause, headers, stalls);
        }

        switch (mode.Responder)
        {
            case ConnectionResetResponderName:
                return new ConnectionResetResponder();
            case StalledBodyResponderName:
                var body = File.ReadAllBytes(Path.Combine(fixturesRoot, mode.Body ?? throw new InvalidOperationException("stalled-body needs a body file.")));
                return new StalledBodyResponder(body, mode.SendBytes ?? body.Length / 2, headers, stalls);
            default:
                throw new InvalidOperationException($"Mode has no sse file and an unknown responder '{mode.Responder}'.");
        }
    }

    private static void MountMappingFile(WireMockServer server, string title, string path, ScenarioRoute route, bool streaming)
    {
        StaticMappings.Mount(server, path, route, streaming);

        // A mapping file can be read while registering nothing useful (e.g. a Java-WireMock file):
        // never run a test against a silently empty server.
        if (!server.Mappings.Any(m => !m.IsAdminInterface && m.Title == title))
        {
            throw new InvalidOperationException($"'{path}' mounted no mapping titled '{title}'.");
        }
    }
}
