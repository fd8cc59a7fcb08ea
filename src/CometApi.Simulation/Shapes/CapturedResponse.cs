namespace CometApi.Simulation.Shapes;

/// <summary>What a shape source saw for one case: status, media type and the raw body (the SSE text of a stream).</summary>
public sealed record CapturedResponse(int Status, string MediaType, string? Body);
