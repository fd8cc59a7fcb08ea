namespace CometApi.ContractTests.Shapes;

/// <summary>The shape source the snapshot tests run against.</summary>
public static class ShapeSources
{
    /// <summary>
    /// The fixtures. This is the seam for the live mode: when COMETAPI_LIVE=1 makes a live target available, return
    /// its <see cref="IShapeSource"/> here instead.
    /// </summary>
    public static IShapeSource Current { get; } = new FixtureShapeSource();
}
