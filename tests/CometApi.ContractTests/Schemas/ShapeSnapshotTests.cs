using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Shapes;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4, reviewed shapes: every endpoint x mode x scenario has a snapshot of its response shape under
/// <c>snapshots/&lt;provider&gt;/</c> (CometAPI's for the fixtures, the selected provider's in a live run); a shape that drifts fails with the fields that changed. The cases come from
/// <see cref="ShapeSources.Current"/> (the fixtures offline; the live target with COMETAPI_LIVE=1).
/// </summary>
[Checklist("CL4")]
[Trait("Category", SnapshotSettings.Category)]
[Collection(SnapshotSwitchesDefinition.Name)]
public sealed class ShapeSnapshotTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in ShapeSources.Current.Cases) data.Add(c.Endpoint, c.Mode, c.Scenario);
        return data;
    }

    // Both modes: the fixtures offline, the live target in a live run, where a spent budget reports the row as not run.
    [SkippableTheory(typeof(LiveCheckNotRunException))]
    [MemberData(nameof(Cases))]
    public async Task The_response_shape_matches_its_reviewed_snapshot(string endpoint, string mode, string scenario)
    {
        var shapeCase = new ShapeCase(endpoint, mode, scenario);

        var response = await ShapeSources.Current.CaptureAsync(shapeCase);

        ShapeSnapshot.Match(shapeCase, ShapeNormalizer.Normalize(response), ShapeSources.Current.Provider);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refusal_safety_and_empty_output_each_have_a_shape_of_their_own(bool streaming)
    {
        var source = new FixtureShapeSource();
        var shapes = new Dictionary<string, string>();
        foreach (var scenario in new[] { "success-pong", "refusal", "content-filter", "empty-output" })
            shapes[scenario] = ShapeNormalizer.Normalize(await source.CaptureAsync(ShapeCase.Chat(scenario, streaming)));

        shapes.Values.Should().OnlyHaveUniqueItems("a reviewer must tell an answer, a refusal, a withheld answer and an empty one apart by shape alone");
        shapes["refusal"].Should().Contain(streaming ? "$.choices[].delta.refusal: string" : "$.choices[].message.refusal: string");
        shapes["content-filter"].Should().Contain("$.choices[].finish_reason: \"content_filter\"");
        shapes["empty-output"].Should().Contain(streaming ? "$.choices[].delta.content: string (empty)" : "$.choices[].message.content: string (empty)");
    }
}
