namespace CometApi.Reliability;

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
