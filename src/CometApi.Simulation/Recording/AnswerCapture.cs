using System.Globalization;

namespace CometApi.Simulation.Recording;

/// <summary>Reads a whole HTTP answer into an unscrubbed <see cref="RecordedAnswer"/> (every header; the SSE events of a stream).</summary>
public static class AnswerCapture
{
    public static async Task<RecordedAnswer> ReadAsync(
        HttpResponseMessage response, string provider, string scenario, bool streaming, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers[name.ToLowerInvariant()] = string.Join(", ", values);

        var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant() ?? "";
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var isStream = mediaType == FixtureResponse.EventStream;
        return new RecordedAnswer
        {
            Provider = provider,
            Scenario = scenario,
            Mode = streaming ? RecordedAnswer.Streaming : RecordedAnswer.NonStreaming,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = (int)response.StatusCode,
            MediaType = mediaType,
            Headers = headers,
            Body = isStream ? null : body,
            Events = isStream ? SseEvents.DataOf(body) : null,
        };
    }
}
