using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace CometApi.Simulation.Standalone;

/// <summary>
/// Every scenario of the catalog on one WireMock server, each mode mounted by <see cref="ScenarioSimulator.Mount(WireMockServer, Scenario, bool, string, ScenarioRoute)"/>
/// (the code the suite mounts its one-scenario servers with) behind its <see cref="ScenarioRoute.Selected"/> route,
/// and the healthy provider's personality for requests that select none. The host in <c>src/CometApi.Simulator</c>
/// only parses arguments and prints.
/// </summary>
public sealed class StandaloneSimulator : IDisposable
{
    /// <summary>The priority of a selected scenario's catch-all: after its own mappings, before the healthy personality.</summary>
    private const int NoModePriority = -1;

    private readonly WireMockServer _server;

    private readonly string _host;

    private readonly Dictionary<string, StallSignals> _stalls = new(StringComparer.Ordinal);

    private StandaloneSimulator(SimulatorOptions options)
    {
        // Say the bound address, not WireMock's "localhost", which a client may resolve to ::1 where nothing listens.
        _host = options.Host is "0.0.0.0" or "*" or "+" ? "127.0.0.1" : options.Host;
        Catalog = FixtureCatalog.Load(options.FixturesRoot ?? RepoPaths.Fixtures);
        var selection = new ScenarioSelectionMiddleware(this);
        var settings = SimulationServerSettings.For($"http://{options.Host}:{options.Port}", app => ((IApplicationBuilder)app).Use(selection.InvokeAsync));
        settings.MaxRequestLogCount = options.RequestLogLimit;
        _server = WireMockServer.Start(settings);
        try
        {
            foreach (var (scenario, streaming) in Catalog.Cases())
            {
                ScenarioSimulator.Mount(_server, scenario, streaming, Catalog.Root, ScenarioRoute.Selected(scenario.Name), Stalls(scenario.Name));
            }

            foreach (var scenario in Catalog.Scenarios)
            {
                _server.Given(Request.Create().WithHeader(ScenarioRoute.SelectorHeader, ScenarioRoute.Exactly(scenario.Name)))
                    .AtPriority(NoModePriority).WithTitle($"{scenario.Name} (no mode)").RespondWith(new NoModeResponder(scenario));
            }

            PersonalityFiles = Directory.GetFiles(options.PersonalityFolder ?? PersonalityFolderOf(options.Provider), "*.json").Order(StringComparer.Ordinal).ToList();
            foreach (var file in PersonalityFiles)
            {
                StaticMappings.Mount(_server, file, ScenarioRoute.Default, streaming: false);
            }
        }
        catch
        {
            _server.Dispose();
            throw;
        }
    }

    private string PersonalityFolderOf(string provider)
    {
        var folder = Path.Combine(Catalog.Root, "live-simulator", provider);
        if (Directory.Exists(folder)) return folder;
        var known = Directory.Exists(Path.Combine(Catalog.Root, "live-simulator"))
            ? string.Join(", ", Directory.GetDirectories(Path.Combine(Catalog.Root, "live-simulator")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            : "none";
        throw new ArgumentException($"No personality for provider '{provider}' under {Path.Combine(Catalog.Root, "live-simulator")} (known: {known}).");
    }

    /// <summary>Starts the simulator.</summary>
    /// <exception cref="InvalidDataException">The catalog is malformed.</exception>
    public static StandaloneSimulator Start(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StandaloneSimulator(options);
    }

    public FixtureCatalog Catalog { get; }

    public IReadOnlyList<string> PersonalityFiles { get; private set; } = [];

    /// <summary>Requests received per scenario (<see cref="RequestTally.Healthy"/> for none).</summary>
    public RequestTally Tally { get; } = new();

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string Url => $"http://{_host}:{_server.Port}";

    /// <summary>The healthy provider's OpenAI-style base URL.</summary>
    public string BaseUrl => Url + "/v1";

    /// <summary>The fake key the healthy provider accepts; no real key is ever needed.</summary>
    public static string AcceptedKey => LiveSimulator.ValidKey;

    /// <summary>The OpenAI-style base URL that selects <paramref name="scenario"/> by path.</summary>
    public string BaseUrlOf(string scenario) => $"{Url}{ScenarioSelector.PathPrefix}{scenario}/v1";

    /// <summary>
    /// When the stalling responders of <paramref name="scenario"/> (both modes) stopped sending on purpose, counted since
    /// the simulator started: a harness can stop a client that waits on a stall without waiting for a timer of its own.
    /// </summary>
    /// <exception cref="ArgumentException">The catalog has no such scenario.</exception>
    public StallSignals Stalls(string scenario)
    {
        if (!Catalog.Scenarios.Any(s => s.Name == scenario)) throw new ArgumentException($"No scenario '{scenario}' in the catalog.", nameof(scenario));
        lock (_stalls)
        {
            if (!_stalls.TryGetValue(scenario, out var signals)) _stalls[scenario] = signals = new StallSignals();
            return signals;
        }
    }

    /// <summary>Forgets the requests and the state (fail-then-succeed sequences) of one scenario; false when it is unknown.</summary>
    public bool Reset(string scenario)
    {
        if (!Catalog.Scenarios.Any(s => s.Name == scenario))
        {
            return false;
        }

        var route = ScenarioRoute.Selected(scenario);
        foreach (var state in _server.Scenarios.Select(s => s.Name).Where(k => k.StartsWith(route.StateName(""), StringComparison.Ordinal)).ToList())
        {
            _server.ResetScenario(state);
        }

        Tally.Reset(scenario);
        return true;
    }

    public void ResetAll()
    {
        _server.ResetScenarios();
        _server.ResetLogEntries();
        Tally.ResetAll();
    }

    /// <summary>The admin listing: every scenario with its modes, base URL and requests received.</summary>
    public JsonObject Describe() => new()
    {
        ["healthy"] = new JsonObject { ["baseUrl"] = BaseUrl, ["key"] = AcceptedKey, ["requests"] = Tally[RequestTally.Healthy] },
        ["selectorHeader"] = ScenarioRoute.SelectorHeader,
        ["scenarios"] = new JsonArray(Catalog.Scenarios.Select(s => (JsonNode?)new JsonObject
        {
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["modes"] = new JsonArray(new[] { (false, "nonStreaming"), (true, "streaming") }.Where(m => s.Supports(m.Item1)).Select(m => (JsonNode?)m.Item2).ToArray()),
            ["baseUrl"] = BaseUrlOf(s.Name),
            ["requests"] = Tally[s.Name],
        }).ToArray()),
    };

    public void Dispose() => _server.Dispose();
}
