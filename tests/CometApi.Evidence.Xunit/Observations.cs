using System.Net.Http.Headers;
using CometApi.Reliability;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// What a check saw beside its verdict: a check fails only on its own pass condition, and everything else it
/// noticed (no request id, no usage, a rate-limit header) is recorded here as a finding.
/// </summary>
public sealed record Observations
{
    public const string InsideErrorMessage = "inside error.message";
    public const string Absent = "absent";

    public int? HttpStatus { get; init; }

    /// <summary>The response's media type without parameters (application/json, text/event-stream, text/html).</summary>
    public string? MediaType { get; init; }

    public string? RequestId { get; init; }

    /// <summary>The header the request id came from, <see cref="InsideErrorMessage"/>, or <see cref="Absent"/>.</summary>
    public string RequestIdFoundIn { get; init; } = Absent;

    /// <summary>Whether the answer reported usage; null when the check did not read a chat answer.</summary>
    public bool? UsagePresent { get; init; }

    /// <summary>Rate-limit and retry headers, as received (redacted by the client).</summary>
    public IReadOnlyDictionary<string, string> NotableHeaders { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public double? DurationMs { get; init; }

    /// <summary>The observations of a chat call, from what the client kept of its last answer.</summary>
    public static Observations From(ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metadata = result.Metadata;
        var headers = metadata.Headers;
        var requestId = result.RequestId;
        return new Observations
        {
            HttpStatus = metadata.StatusCode ?? (result.Attempts.Count > 0 ? result.Attempts[^1].StatusCode : null),
            MediaType = headers.TryGetValue("content-type", out var type) ? MediaTypeOf(type) : null,
            RequestId = requestId,
            RequestIdFoundIn = requestId is null ? Absent
                : headers.FirstOrDefault(h => h.Value == requestId && h.Key.Contains("request-id", StringComparison.OrdinalIgnoreCase)).Key
                  ?? InsideErrorMessage,
            UsagePresent = result.Attempts.Count == 0 ? null : result.Usage is not null,
            NotableHeaders = Notable(headers),
            DurationMs = Math.Round(result.Attempts.Sum(a => a.Duration.TotalMilliseconds), 1),
        };
    }

    /// <summary>The observations of a raw response (the models list, a captured shape).</summary>
    public static Observations From(HttpResponseMessage response, TimeSpan duration, IEnumerable<string> requestIdHeaders)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated) headers[name.ToLowerInvariant()] = values.ToString();
        return From((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, headers, duration, requestIdHeaders);
    }

    /// <summary>The observations of a raw answer already read (status, media type, response headers by lower-case name).</summary>
    public static Observations From(int status, string? mediaType, IReadOnlyDictionary<string, string> headers, TimeSpan duration, IEnumerable<string> requestIdHeaders)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(requestIdHeaders);
        var found = requestIdHeaders.FirstOrDefault(h => headers.ContainsKey(h.ToLowerInvariant()))?.ToLowerInvariant();
        return new Observations
        {
            HttpStatus = status,
            MediaType = mediaType,
            RequestId = found is null ? null : headers[found],
            RequestIdFoundIn = found?.ToLowerInvariant() ?? Absent,
            NotableHeaders = Notable(headers),
            DurationMs = Math.Round(duration.TotalMilliseconds, 1),
        };
    }

    private static string MediaTypeOf(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } media ? media : contentType.Split(';')[0].Trim();

    private static SortedDictionary<string, string> Notable(IEnumerable<KeyValuePair<string, string>> headers) =>
        new(headers.Where(h => IsNotable(h.Key)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value), StringComparer.Ordinal);

    private static bool IsNotable(string header) =>
        header.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase)
        || header.Equals("retry-after", StringComparison.OrdinalIgnoreCase)
        || header.Equals("retry-after-ms", StringComparison.OrdinalIgnoreCase);
}
