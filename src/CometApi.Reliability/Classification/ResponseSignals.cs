namespace CometApi.Reliability.Classification;

/// <summary>What one attempt showed, reduced to the signals the failure policy's rules match on.</summary>
public sealed record ResponseSignals
{
    public int? Status { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorType { get; init; }
    public BodyKind Body { get; init; } = BodyKind.None;
    public TransportCondition Transport { get; init; } = TransportCondition.None;
    public StreamCondition Stream { get; init; } = StreamCondition.None;
    public string? FinishReason { get; init; }
    public bool Refusal { get; init; }
    public bool EmptyContent { get; init; }
}

public enum BodyKind { None, Empty, Html, Text, Malformed, Error, Unknown, Chat, TooLarge, Stream }

public enum TransportCondition { None, ConnectionFailed, Timeout, CallerCancelled }

public enum StreamCondition { None, Complete, Truncated, ErrorFrame }

/// <summary>The vocabulary the policy file uses for each signal.</summary>
public static class SignalNames
{
    public static readonly IReadOnlyDictionary<string, BodyKind> Bodies = new Dictionary<string, BodyKind>(StringComparer.Ordinal)
    {
        ["none"] = BodyKind.None, ["empty"] = BodyKind.Empty, ["html"] = BodyKind.Html, ["text"] = BodyKind.Text,
        ["malformed"] = BodyKind.Malformed, ["error"] = BodyKind.Error, ["unknown"] = BodyKind.Unknown,
        ["chat"] = BodyKind.Chat, ["too_large"] = BodyKind.TooLarge, ["stream"] = BodyKind.Stream,
    };

    public static readonly IReadOnlyDictionary<string, TransportCondition> Transports = new Dictionary<string, TransportCondition>(StringComparer.Ordinal)
    {
        ["connection_failed"] = TransportCondition.ConnectionFailed,
        ["timeout"] = TransportCondition.Timeout,
        ["caller_cancelled"] = TransportCondition.CallerCancelled,
    };

    public static readonly IReadOnlyDictionary<string, StreamCondition> Streams = new Dictionary<string, StreamCondition>(StringComparer.Ordinal)
    {
        ["complete"] = StreamCondition.Complete,
        ["truncated"] = StreamCondition.Truncated,
        ["error_frame"] = StreamCondition.ErrorFrame,
    };
}
