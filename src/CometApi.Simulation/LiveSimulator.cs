using WireMock.Server;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// The embedded live simulator: a WireMock server on a random loopback port that answers the live checks like
/// CometAPI (fake keys, pong, its error bodies and request ids), so <c>COMETAPI_LIVE=1 COMETAPI_SIMULATE=1</c>
/// exercises the live path end to end without sending anything off the machine. How it answers lives in the
/// mapping files of <c>fixtures/live-simulator/</c>, where priorities decide which mapping wins.
/// </summary>
public sealed class LiveSimulator : IDisposable
{
    /// <summary>The only key that gets a pong.</summary>
    public const string ValidKey = "sim-live-valid-key-0001";

    /// <summary>A key the simulator treats as disabled/revoked (401).</summary>
    public const string RevokedKey = "sim-live-revoked-key-0001";

    /// <summary>The model name the simulator answers with 503 <c>model_not_found</c>.</summary>
    public const string UnknownModel = "cometapi-contract-suite-unknown-model";

    /// <summary>A model the simulator lists on <c>GET /v1/models</c>.</summary>
    public const string Model = "gpt-5.4-mini";

    private readonly WireMockServer _server;
    private readonly RequestArrivals _arrivals = new();

    /// <summary>Starts a simulator with the repository's mappings (so it can serve as an xunit class fixture).</summary>
    public LiveSimulator()
        : this(DefaultMappingsFolder)
    {
    }

    // Private: an xunit class fixture may have only one public constructor.
    private LiveSimulator(string mappingsFolder)
    {
        ArgumentNullException.ThrowIfNull(mappingsFolder);
        MappingFiles = Directory.GetFiles(mappingsFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (MappingFiles.Count == 0) throw new InvalidOperationException($"No mapping files in '{mappingsFolder}'.");

        // Loopback only: WireMock's default listens on every interface.
        _server = LoopbackServer.Start(_arrivals);
        try
        {
            foreach (var file in MappingFiles)
            {
                var before = _server.Mappings.Count;
                if (!_server.ReadStaticMappingAndAddOrUpdate(file) || _server.Mappings.Count == before)
                    throw new InvalidOperationException($"WireMock mounted no mapping from '{file}'.");
            }
        }
        catch
        {
            _server.Dispose();
            throw;
        }
    }

    /// <summary>Starts a simulator with every mapping file of <paramref name="mappingsFolder"/>.</summary>
    /// <exception cref="InvalidOperationException">The folder has no mapping file, or one mounted nothing: never run checks against a silently empty server.</exception>
    public static LiveSimulator Start(string mappingsFolder) => new(mappingsFolder);

    public static string DefaultMappingsFolder => Path.Combine(RepoPaths.Fixtures, "live-simulator");

    /// <summary>The mapping files that were loaded, in load order.</summary>
    public IReadOnlyList<string> MappingFiles { get; }

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:53124</c>.</summary>
    public string Url => _server.Url ?? throw new InvalidOperationException("The simulator has no URL.");

    /// <summary>The OpenAI-style base URL, what <c>COMETAPI_BASE_URL</c> points at.</summary>
    public string BaseUrl => Url + "/v1";

    /// <summary>HTTP requests the simulator received, counted on arrival: what a live budget counts.</summary>
    public int RequestCount => _arrivals.Count;

    public void Dispose() => _server.Dispose();
}
