using System.Text.Json.Serialization;

namespace CometApi.Simulation;

/// <summary>One simulated behaviour from <c>fixtures/scenarios.json</c>.</summary>
public sealed record Scenario
{
    /// <summary>Unique name; also the Title of every WireMock mapping that simulates it.</summary>
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Checklist ids this scenario gives evidence for (CL2..CL6, PONG).</summary>
    public IReadOnlyList<string> Checklist { get; init; } = [];

    public required ScenarioModes Modes { get; init; }

    /// <summary>The scenario-level expectation; each mode carries its effective copy (see <see cref="ScenarioMode.Expect"/>).</summary>
    public required ScenarioExpectation Expect { get; init; }

    /// <summary>The mode for a <c>"stream": true</c> or <c>false</c> request, or null when the scenario has none.</summary>
    public ScenarioMode? ModeFor(bool streaming) => streaming ? Modes.Streaming : Modes.NonStreaming;

    public bool Supports(bool streaming) => ModeFor(streaming) is not null;

    /// <summary>The effective expectation of one mode (scenario <c>expect</c> with the mode's overrides applied).</summary>
    public ScenarioExpectation ExpectFor(bool streaming) =>
        (ModeFor(streaming) ?? throw new InvalidOperationException($"Scenario '{Name}' has no {(streaming ? "streaming" : "nonStreaming")} mode.")).Expect;

    public override string ToString() => Name;
}

/// <summary>The two ways a scenario can be requested; either may be missing.</summary>
public sealed record ScenarioModes
{
    public ScenarioMode? NonStreaming { get; init; }

    public ScenarioMode? Streaming { get; init; }
}

/// <summary>What serves one mode of a scenario; exactly one of <see cref="Mapping"/>, <see cref="Sse"/>, <see cref="Responder"/> is set.</summary>
public sealed record ScenarioMode
{
    /// <summary>Static WireMock.Net mapping file (one mapping or an array), relative to the fixtures folder.</summary>
    public string? Mapping { get; init; }

    /// <summary>SSE file played by <see cref="TimedSseResponder"/>, relative to the fixtures folder.</summary>
    public string? Sse { get; init; }

    /// <summary>How the SSE stream ends (sse modes).</summary>
    public SseEnd End { get; init; } = SseEnd.Complete;

    /// <summary>Pause between SSE events in milliseconds (sse modes).</summary>
    public int PauseMs { get; init; }

    /// <summary>Custom responder name: <c>connection-reset</c> or <c>stalled-body</c>.</summary>
    public string? Responder { get; init; }

    /// <summary>Response body file for the stalled-body responder, relative to the fixtures folder.</summary>
    public string? Body { get; init; }

    /// <summary>Bytes of <see cref="Body"/> sent before the stall; half the body when absent.</summary>
    public int? SendBytes { get; init; }

    /// <summary>Extra response headers for sse and responder modes (request ids, Content-Type).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The effective expectation: the scenario's <c>expect</c> with this mode's <c>expect</c> fields laid over it.</summary>
    public required ScenarioExpectation Expect { get; init; }

    [JsonIgnore]
    public ScenarioModeKind Kind =>
        Mapping is not null ? ScenarioModeKind.Mapping
        : Sse is not null ? ScenarioModeKind.Sse
        : ScenarioModeKind.Responder;

    [JsonIgnore]
    public TimeSpan Pause => TimeSpan.FromMilliseconds(PauseMs);
}

public enum ScenarioModeKind
{
    Mapping,
    Sse,
    Responder,
}

/// <summary>
/// What the client must report for a scenario under the default policy (at most one retry for transient classes,
/// a short per-attempt timeout, a fallback provider configured).
/// </summary>
public sealed record ScenarioExpectation
{
    /// <summary>Failure class as named in <c>contracts/failure-policy.json</c> (success, timeout, server_error, ...).</summary>
    public required string Class { get; init; }

    /// <summary>HTTP attempts the simulator must see (count of <c>server.LogEntries</c>).</summary>
    public required int Attempts { get; init; }

    /// <summary>Whether the fallback provider is used when one is configured.</summary>
    public required bool Fallback { get; init; }

    /// <summary>The request id the client must report (header or <c>(request id: ...)</c> in the message); null when none reaches the client.</summary>
    public string? RequestId { get; init; }

    /// <summary>HTTP status of the last attempt; null when no status line reached the client.</summary>
    public int? Status { get; init; }

    /// <summary>The <c>error.code</c> of the error body ("" when CometAPI leaves it empty); null when there is no error body.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Assistant text the client must have (the partial text for cut streams); null when not checked.</summary>
    public string? Output { get; init; }

    /// <summary>The refusal text, for refusal scenarios.</summary>
    public string? Refusal { get; init; }

    /// <summary>Token usage the client must report; null when not checked.</summary>
    public ExpectedUsage? Usage { get; init; }
}

public sealed record ExpectedUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
