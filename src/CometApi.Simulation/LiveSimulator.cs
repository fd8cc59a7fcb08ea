using WireMock.Server;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// The embedded live simulator: a WireMock server on a random loopback port that answers the live checks like one
/// provider (fake keys, pong, its error bodies and request ids), so <c>COMETAPI_LIVE=1 COMETAPI_SIMULATE=1</c>
/// exercises the live path end to end without sending anything off the machine. Each provider profile has a
/// personality: the mapping files of <c>fixtures/live-simulator/&lt;provider&gt;/</c>, where priorities decide which
/// mapping wins. <c>cometapi</c> answers with CometAPI's quirks (500 invalid_request, 503 model_not_found, the request
/// id inside error.message); <c>openai</c> with OpenAI's error semantics (400 invalid_request_error, 404
/// model_not_found, 401 invalid_api_key, 429 insufficient_quota or rate_limit_exceeded, an x-request-id header only).
/// The fake keys and model names are the same in every personality.
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

    /// <summary>A model the openai personality answers with 429 <c>insufficient_quota</c> (a terminal quota).</summary>
    public const string QuotaExhaustedModel = "contract-suite-quota-exhausted-model";

    /// <summary>A model every personality answers with its 429 rate limit (openai: <c>rate_limit_exceeded</c> and a Retry-After header).</summary>
    public const string RateLimitedModel = "contract-suite-rate-limited-model";

    /// <summary>The personality the default constructor (an xunit class fixture) starts.</summary>
    public const string DefaultPersonality = "cometapi";

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

    /// <summary>Starts the personality of <paramref name="provider"/> (a folder of <see cref="PersonalitiesFolder"/>).</summary>
    /// <exception cref="InvalidOperationException">No personality has that name; the message lists those there are.</exception>
    public static LiveSimulator For(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!Personalities.Contains(provider, StringComparer.Ordinal))
            throw new InvalidOperationException($"The live simulator has no personality '{provider}'; it has: {string.Join(", ", Personalities)}.");
        return new LiveSimulator(Path.Combine(PersonalitiesFolder, provider));
    }

    /// <summary>One folder of mapping files per provider personality.</summary>
    public static string PersonalitiesFolder => Path.Combine(RepoPaths.Fixtures, "live-simulator");

    /// <summary>The personalities there are, in ordinal order.</summary>
    public static IReadOnlyList<string> Personalities =>
        Directory.GetDirectories(PersonalitiesFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static string DefaultMappingsFolder => Path.Combine(PersonalitiesFolder, DefaultPersonality);

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
