using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>What the oracle decided: a valid answer carries its text; anything else says why not.</summary>
public sealed record Verdict(bool Valid, string? Text, string Reason)
{
    public static Verdict Invalid(string reason) => new(false, null, reason);
}

/// <summary>
/// Decides, without the client's code, whether bytes are a valid chat answer: the wire contract written out as
/// checks (required members, their JSON types, integers that fit, UTF-8 text) plus what makes an answer usable
/// (text or tool calls, no refusal, no error member, not cut by a content filter, a stream that finished with
/// <c>[DONE]</c>). Members the client does not read may hold anything. Framing of a stream uses the framework's
/// SSE parser (it is the wire format's reference, not the client's logic).
/// </summary>
public static class AnswerOracle
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static Verdict Judge(byte[] body, bool sse) => sse ? JudgeStream(body) : JudgeBody(body);

    /// <summary>A non-streamed chat completion.</summary>
    public static Verdict JudgeBody(byte[] body)
    {
        var span = body.AsSpan();
        if (span.StartsWith(Bom)) span = span[Bom.Length..]; // RFC 8259: a parser may ignore it
        if (!Utf8.IsValid(span)) return Verdict.Invalid("not UTF-8");
        try
        {
            using var doc = JsonDocument.Parse(span.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Verdict.Invalid("not an object");
            if (HasNonNull(root, "error")) return Verdict.Invalid("carries an error");
            if (!Typed(root, "id", "object", "model") || !UsageOk(root)) return Verdict.Invalid("a typed member has the wrong type");
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
                return Verdict.Invalid("no choices");
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind != JsonValueKind.Object || !IndexOk(choice) || !Typed(choice, "finish_reason")) return Verdict.Invalid("a choice is malformed");
                if (!choice.TryGetProperty("message", out var m) || m.ValueKind != JsonValueKind.Object || !Typed(m, "role", "content", "refusal"))
                    return Verdict.Invalid("a choice has no proper message");
            }

            var first = choices[0];
            var message = first.GetProperty("message");
            return Usable(Text(message, "content"), Text(message, "refusal"), HasToolCalls(message), Text(first, "finish_reason"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Verdict.Invalid($"not readable JSON ({ex.GetType().Name})");
        }
    }

    /// <summary>A Server-Sent-Events chat stream, read up to its <c>[DONE]</c>.</summary>
    public static Verdict JudgeStream(byte[] body)
    {
        var content = new StringBuilder();
        var refusal = new StringBuilder();
        string? finishReason = null;
        var toolCalls = false;
        var parser = SseParser.Create(new MemoryStream(body), static (_, data) => data.ToArray());
        try
        {
            foreach (var item in parser.Enumerate())
            {
                var data = item.Data.AsSpan();
                if (data.Trim(" \t\r\n"u8).SequenceEqual("[DONE]"u8))
                {
                    return finishReason is null
                        ? Verdict.Invalid("the stream ended without a finish_reason")
                        : Usable(content.ToString(), refusal.ToString(), toolCalls, finishReason);
                }
                if (!Utf8.IsValid(data)) return Verdict.Invalid("an event is not UTF-8");
                using var doc = JsonDocument.Parse(item.Data);
                var chunk = doc.RootElement;
                if (chunk.ValueKind != JsonValueKind.Object) return Verdict.Invalid("an event is not an object");
                if (chunk.TryGetProperty("error", out _)) return Verdict.Invalid("an error frame");
                if (!Typed(chunk, "id", "model") || !UsageOk(chunk)) return Verdict.Invalid("a typed member has the wrong type");
                if (!chunk.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array) return Verdict.Invalid("a chunk has no choices");
                foreach (var choice in choices.EnumerateArray())
                {
                    if (choice.ValueKind != JsonValueKind.Object || !IndexOk(choice) || !Typed(choice, "finish_reason")) return Verdict.Invalid("a choice is malformed");
                    var hasDelta = choice.TryGetProperty("delta", out var delta);
                    if (hasDelta && delta.ValueKind == JsonValueKind.Object && !Typed(delta, "role", "content", "refusal"))
                        return Verdict.Invalid("a delta has a member of the wrong type");
                    if (!hasDelta || delta.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)) return Verdict.Invalid("a choice has no delta");
                    if (Index(choice) != 0) continue;
                    if (delta.ValueKind != JsonValueKind.Object) return Verdict.Invalid("the first choice has a null delta");
                    content.Append(Text(delta, "content"));
                    refusal.Append(Text(delta, "refusal"));
                    toolCalls |= HasToolCalls(delta);
                    finishReason = Text(choice, "finish_reason") ?? finishReason;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Verdict.Invalid($"an event is not readable JSON ({ex.GetType().Name})");
        }

        return Verdict.Invalid("the stream never said [DONE]");
    }

    private static Verdict Usable(string? content, string? refusal, bool toolCalls, string? finishReason)
    {
        if (!string.IsNullOrEmpty(refusal)) return Verdict.Invalid("a refusal");
        if (string.Equals(finishReason, "content_filter", StringComparison.OrdinalIgnoreCase)) return Verdict.Invalid("cut by the content filter");
        if (string.IsNullOrWhiteSpace(content) && !toolCalls) return Verdict.Invalid("no text and no tool calls");
        return new Verdict(true, content, "a valid answer");
    }

    /// <summary>Each named member, when present, is a string or null (and a string must be valid text).</summary>
    private static bool Typed(JsonElement owner, params string[] names) =>
        names.All(n => !owner.TryGetProperty(n, out var v) || v.ValueKind == JsonValueKind.Null || (v.ValueKind == JsonValueKind.String && v.GetString() is not null));

    private static bool IndexOk(JsonElement choice) => !choice.TryGetProperty("index", out var i) || (i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out _));

    private static int Index(JsonElement choice) => choice.TryGetProperty("index", out var i) ? i.GetInt32() : 0;

    private static bool UsageOk(JsonElement owner)
    {
        if (!owner.TryGetProperty("usage", out var usage) || usage.ValueKind == JsonValueKind.Null) return true;
        if (usage.ValueKind != JsonValueKind.Object || !Integers(usage, "prompt_tokens", "completion_tokens", "total_tokens")) return false;
        if (!usage.TryGetProperty("prompt_tokens_details", out var details) || details.ValueKind == JsonValueKind.Null) return true;
        return details.ValueKind == JsonValueKind.Object
            && (!details.TryGetProperty("cached_tokens", out var cached) || cached.ValueKind == JsonValueKind.Null || cached.TryGetInt64(out _));
    }

    private static bool Integers(JsonElement owner, params string[] names) =>
        names.All(n => !owner.TryGetProperty(n, out var v) || (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _)));

    private static bool HasNonNull(JsonElement owner, string name) => owner.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    private static bool HasToolCalls(JsonElement message) => message.TryGetProperty("tool_calls", out var t) && t.ValueKind == JsonValueKind.Array;

    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
