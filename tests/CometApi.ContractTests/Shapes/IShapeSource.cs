namespace CometApi.ContractTests.Shapes;

/// <summary>
/// Where the shape snapshot tests get the response of a case from. Offline it is the fixtures
/// (<see cref="FixtureShapeSource"/>); a live source (COMETAPI_LIVE=1) captures the same cases from a real target, so
/// the one set of reviewed snapshots judges both.
/// </summary>
public interface IShapeSource
{
    /// <summary>The provider whose reviewed shapes (<c>snapshots/&lt;provider&gt;/</c>) judge this source's answers.</summary>
    string Provider { get; }

    /// <summary>The cases this source can produce.</summary>
    IReadOnlyList<ShapeCase> Cases { get; }

    /// <summary>The response of one case: the body, or for a stream the whole SSE text as received.</summary>
    Task<CapturedResponse> CaptureAsync(ShapeCase shapeCase, CancellationToken cancellationToken = default);
}
