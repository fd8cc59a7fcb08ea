namespace CometApi.Simulation;

/// <summary>
/// One HTTP response a scenario's fixture serves: status, media type and the body the client receives (faults
/// applied). <see cref="IsFinal"/> marks the response the scenario's expectation describes (the last step of a
/// stateful mapping file, such as retry-then-success's 200 after its 503).
/// </summary>
/// <param name="Source">The fixture it comes from, e.g. <c>mappings/retry-then-success.json#1</c>.</param>
public sealed record FixtureResponse(string Source, int Status, string MediaType, string? Body, bool IsFinal)
{
    public const string EventStream = "text/event-stream";
    public const string Json = "application/json";

    public bool IsEventStream => MediaType == EventStream;

    public bool IsHtml => MediaType.Contains("html", StringComparison.Ordinal);

    public override string ToString() => Source;
}
