namespace CometApi.Simulation;

/// <summary>
/// Whether a scenario mode is a static WireMock.Net mapping (the file loads as it is in WireMock.Net's standalone
/// server) or needs one of this library's responders, and why.
/// </summary>
public static class ScenarioPortability
{
    private static readonly string[] TableHead = ["| Scenario | Mode | Needs a responder because |", "|---|---|---|"];

    /// <summary>Null for a static mapping; otherwise the reason a static mapping cannot give this behaviour.</summary>
    public static string? ResponderReason(ScenarioMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return mode.Kind switch
        {
            ScenarioModeKind.Mapping => null,
            ScenarioModeKind.Sse => mode.End switch
            {
                SseEnd.Abort => "cut stream: the events, then the connection closes without the body's terminating chunk or `[DONE]`",
                SseEnd.Stall => "stalled stream: the events, then the connection stays open and silent",
                _ when mode.PauseMs > 0 => $"paced stream: each SSE event flushed on its own, {mode.PauseMs} ms apart",
                _ => "SSE events flushed one by one per request (a static body arrives as one write, and WireMock.Net's `WithSseBody` serves a second request an empty 200)",
            },
            _ => mode.Responder switch
            {
                ScenarioSimulator.ConnectionResetResponderName => "connection reset before any response byte: WireMock.Net has no fault for it",
                ScenarioSimulator.StalledBodyResponderName => "headers and part of the body, then the body stalls",
                _ => $"responder '{mode.Responder}'",
            },
        };
    }

    /// <summary>The README table: one row per (scenario, mode) that needs a responder.</summary>
    public static string RenderTable(FixtureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = catalog.Cases()
            .Select(c => (c.Scenario.Name, Mode: c.Streaming ? "streaming" : "non-streaming", Reason: ResponderReason(c.Scenario.ModeFor(c.Streaming)!)))
            .Where(r => r.Reason is not null)
            .Select(r => $"| `{r.Name}` | {r.Mode} | {r.Reason} |");
        return string.Join("\n", TableHead.Concat(rows));
    }
}
