using CometApi.Reliability.Contracts;


namespace CometApi.ContractTests.Shapes;

/// <summary>
/// The offline shape source: for every catalog scenario and mode that answers at all, the response its expectation
/// describes, read from the fixture files; plus the GET /v1/models fixture.
/// </summary>
public sealed class FixtureShapeSource : IShapeSource
{
    public const string ModelsListScenario = "models-list";

    private readonly FixtureCatalog _catalog;

    public FixtureShapeSource(FixtureCatalog? catalog = null)
    {
        _catalog = catalog ?? FixtureCatalog.Default;
        Cases = _catalog.Cases()
            .Where(c => FixtureResponses.FinalOf(c.Scenario, c.Streaming, _catalog.Root) is not null)
            .Select(c => ShapeCase.Chat(c.Scenario.Name, c.Streaming))
            .Append(new ShapeCase(ShapeCase.Models, ShapeCase.NonStreaming, ModelsListScenario))
            .ToList();
    }

    public IReadOnlyList<ShapeCase> Cases { get; }

    /// <summary>The fixtures are the CometAPI world the offline suite simulates.</summary>
    public string Provider => ProviderCatalog.DefaultProvider;

    public Task<CapturedResponse> CaptureAsync(ShapeCase shapeCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shapeCase);
        if (shapeCase.Endpoint == ShapeCase.Models)
            return Task.FromResult(new CapturedResponse(200, FixtureResponse.Json, File.ReadAllText(_catalog.PathOf(ModelsFixture.ListBody))));

        var response = FixtureResponses.FinalOf(_catalog[shapeCase.Scenario], shapeCase.IsStreaming, _catalog.Root)
            ?? throw new InvalidOperationException($"{shapeCase} serves no response.");
        return Task.FromResult(new CapturedResponse(response.Status, response.MediaType, response.Body));
    }
}
