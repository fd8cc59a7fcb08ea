using System.Text.Json;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// The rules of a whole chat stream, beyond what one event's schema can say: every chunk conforms to the chunk
/// schema, the assistant role comes first, exactly one finish_reason, no delta after it, the usage chunk
/// (<c>choices: []</c> with usage) when <c>stream_options.include_usage</c> was set, and <c>[DONE]</c> once, last.
/// </summary>
public static class StreamContract
{
    /// <param name="events">The <c>data</c> of each event, in order (<see cref="SseEvents.DataOf"/>).</param>
    /// <returns>One line per broken rule; empty when the stream keeps the contract.</returns>
    public static IReadOnlyList<string> Violations(IReadOnlyList<string> events, bool includeUsage)
    {
        ArgumentNullException.ThrowIfNull(events);
        var violations = new List<string>();
        var roleSeen = false;
        var finishes = 0;
        var usageChunks = 0;
        var done = false;
        for (var i = 0; i < events.Count; i++)
        {
            var n = i + 1;
            if (done) violations.Add($"event {n} comes after [DONE]");
            if (SseEvents.IsDone(events[i]))
            {
                done = true;
                continue;
            }

            if (SseEvents.IsErrorFrame(events[i]))
            {
                violations.Add($"event {n} is an error frame, not content");
                continue;
            }

            var verdict = ContractSchemas.Validate(ContractSchema.ChatCompletionChunk, events[i]);
            if (!verdict.IsValid)
            {
                violations.Add($"event {n} breaks the chunk schema: {string.Join("; ", verdict.Errors)}");
                continue;
            }

            using var chunk = JsonDocument.Parse(events[i]);
            var choices = chunk.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() == 0)
            {
                if (chunk.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                {
                    usageChunks++;
                    if (finishes == 0) violations.Add($"event {n}: the usage chunk comes before the finish_reason");
                }

                continue;
            }

            var delta = choices[0].GetProperty("delta");
            var hasRole = delta.TryGetProperty("role", out _);
            if (!roleSeen && !hasRole) violations.Add($"event {n}: a delta comes before the assistant role");
            roleSeen |= hasRole;
            if (finishes > 0 && HasText(delta)) violations.Add($"event {n}: a delta comes after the finish_reason");
            if (choices[0].TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String) finishes++;
        }

        if (finishes != 1) violations.Add(finishes == 0 ? "no finish_reason" : $"finish_reason {finishes} times");
        if (includeUsage && usageChunks != 1)
            violations.Add(usageChunks == 0 ? "no usage chunk (choices: []) although stream_options.include_usage was set" : $"{usageChunks} usage chunks");
        if (!done) violations.Add("no [DONE]");
        return violations;
    }

    private static bool HasText(JsonElement delta) =>
        (delta.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Length > 0)
        || (delta.TryGetProperty("refusal", out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Length > 0);
}
