using CometApi.Reliability.Parsing;

namespace CometApi.Reliability;

/// <summary>One HTTP attempt: who was asked, what came back, how long it took. Carries no content.</summary>
public sealed record AttemptRecord(
    string Provider,
    int RetryIndex,
    FailureClass Class,
    int? StatusCode,
    string? RequestId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan? BackoffBefore,
    string Rule,
    string? Note,
    bool ContentDelivered = false);

/// <summary>Raw metadata kept for debugging: chosen headers and a capped, redacted body excerpt (failures only).</summary>
public sealed record ResponseMetadata(
    int? StatusCode,
    string? RequestId,
    IReadOnlyDictionary<string, string> Headers,
    string? BodyExcerpt,
    string? ErrorCode,
    string? ErrorType)
{
    public static ResponseMetadata None { get; } = new(null, null, new Dictionary<string, string>(), null, null, null);
}

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

/// <summary>One event of a streamed call: a delta as it arrives, and at the end, the result.</summary>
public sealed record ChatStreamEvent(string? Content, string? Refusal, ChatResult? Result)
{
    public bool IsFinal => Result is not null;

    public override string ToString() => IsFinal ? $"Final({Result})" : $"Delta([{(Content ?? Refusal)?.Length ?? 0} chars])";
}

/// <summary>Thrown by <see cref="ChatResultExtensions.EnsureSuccess"/> for callers who prefer exceptions.</summary>
public sealed class ChatCallException(ChatResult result)
    : Exception($"Chat call failed: {result.Class.WireName()} (status {result.Metadata.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, request id {result.RequestId ?? "none"}). Operator action: {result.OperatorAction}")
{
    public ChatResult Result { get; } = result;
}

public static class ChatResultExtensions
{
    public static ChatResult EnsureSuccess(this ChatResult result) =>
        result.IsSuccess ? result : throw new ChatCallException(result);
}
