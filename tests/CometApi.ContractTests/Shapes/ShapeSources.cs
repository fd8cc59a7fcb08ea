namespace CometApi.ContractTests.Shapes;

/// <summary>The shape source the snapshot tests run against.</summary>
public static class ShapeSources
{
    /// <summary>The fixtures offline; the live target's answers when COMETAPI_LIVE=1.</summary>
    public static IShapeSource Current { get; } = LiveSettings.Current.Enabled ? new LiveShapeSource() : new FixtureShapeSource();
}
