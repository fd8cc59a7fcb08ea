using CometApi.Simulation.Shapes;

namespace CometApi.Simulation.Recording;

/// <summary>How a recording differs from the committed fixture of its scenario and mode, in the snapshots' shape terms.</summary>
public static class RecordingDiff
{
    /// <summary>The shape changes from the fixture to the recording; empty when the shapes agree.</summary>
    /// <exception cref="InvalidOperationException">The catalog has no such scenario or mode, or its fixture serves no response (a reset).</exception>
    public static IReadOnlyList<string> Describe(RecordedAnswer recording, FixtureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(catalog);
        var fixture = FixtureResponses.FinalOf(catalog[recording.Scenario], recording.IsStreaming, catalog.Root)
            ?? throw new InvalidOperationException($"{recording.Scenario} ({recording.Mode}) has no fixture response to compare with.");
        return ShapeDiff.Describe(
            ShapeNormalizer.Normalize(new CapturedResponse(fixture.Status, fixture.MediaType, fixture.Body)),
            ShapeNormalizer.Normalize(new CapturedResponse(recording.Status, recording.MediaType, recording.WireBody())));
    }
}
