using System.Text.Json.Serialization;

namespace CometApi.Simulation.Recording;

/// <summary>
/// One provider answer as record mode keeps it (after <see cref="Scrubber"/>): status, media type, the headers that
/// matter, and the body, or for an event stream the data of every event in order.
/// </summary>
public sealed record RecordedAnswer
{
    public const string Streaming = "streaming";
    public const string NonStreaming = "nonStreaming";

    /// <summary>The provider it came from (e.g. <c>cometapi</c>, or <c>simulated</c> for a live-simulated run).</summary>
    public required string Provider { get; init; }

    /// <summary>The catalog scenario it is the live counterpart of.</summary>
    public required string Scenario { get; init; }

    /// <summary><see cref="Streaming"/> or <see cref="NonStreaming"/>.</summary>
    public required string Mode { get; init; }

    /// <summary>The UTC day of the recording, <c>yyyy-MM-dd</c>.</summary>
    public required string Date { get; init; }

    public required int Status { get; init; }

    /// <summary>The media type without parameters, e.g. <c>application/json</c>.</summary>
    public required string MediaType { get; init; }

    /// <summary>The headers that matter (<see cref="HeadersThatMatter"/>), lower-case names, sorted.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The body text of a non-stream answer (null when there was none).</summary>
    public string? Body { get; init; }

    /// <summary>The <c>data:</c> payloads of an event stream, in order (null for a non-stream answer).</summary>
    public IReadOnlyList<string>? Events { get; init; }

    [JsonIgnore]
    public bool IsStreaming => Mode == Streaming;

    /// <summary>The body as a client read it: the JSON text, or the SSE text rebuilt from the events.</summary>
    public string? WireBody() => Events is null ? Body : string.Concat(Events.Select(e => $"data: {e}\n\n"));

    /// <summary>Whether a response header is kept: content type, request ids, rate limits, retry hints, redirects.</summary>
    public static bool HeadersThatMatter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        return lower is "content-type" or "retry-after" or "retry-after-ms" or "location"
            || Scrubber.IsRequestIdHeader(lower)
            || lower.StartsWith("x-ratelimit-", StringComparison.Ordinal);
    }
}
