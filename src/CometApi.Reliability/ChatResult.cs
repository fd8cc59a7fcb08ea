using CometApi.Reliability.Parsing;

namespace CometApi.Reliability;

/// <summary>The outcome of a call: exactly one class, who answered, and every attempt on the way.</summary>
public sealed record ChatResult
{
    public required FailureClass Class { get; init; }
    public bool IsSuccess => Class == FailureClass.Success;
    public required string OperatorAction { get; init; }
    public required string Rule { get; init; }

    /// <summary>The provider whose answer (or failure) this is; null when nothing was sent.</summary>
    public string? AnsweredBy { get; init; }
    public bool FallbackUsed { get; init; }

    /// <summary>The primary provider's class that triggered the fallback.</summary>
    public FailureClass? FallbackReason { get; init; }
    public required IReadOnlyList<AttemptRecord> Attempts { get; init; }
    public required ResponseMetadata Metadata { get; init; }
    public string? Text { get; init; }
    public string? Refusal { get; init; }
    public string? FinishReason { get; init; }
    public string? Model { get; init; }
    public Usage? Usage { get; init; }
    public IReadOnlyList<string> ValidationErrors { get; init; } = [];

    public string? RequestId => Metadata.RequestId;

    // Records print every property; this one must never print completion text.
    public override string ToString() =>
        $"ChatResult(Class={Class.WireName()}, AnsweredBy={AnsweredBy}, Attempts={Attempts.Count}, Status={Metadata.StatusCode}, " +
        $"RequestId={RequestId}, FallbackUsed={FallbackUsed}, Text=[{Text?.Length ?? 0} chars])";
}
