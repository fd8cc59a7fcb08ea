using System.Text;
using System.Text.Json;
using CometApi.Reliability.Classification;

namespace CometApi.Reliability.Parsing;

/// <summary>Turns a non-streamed response body into a body kind plus whatever typed content it holds. Never throws.</summary>
internal static class BodyInspector
{
    public static InspectedBody Inspect(string? mediaType, ReadOnlyMemory<byte> body, bool tooLarge)
    {
        if (tooLarge) return new InspectedBody(BodyKind.TooLarge);
        var span = body.Span;
        var trimmed = TrimStart(span);
        if (trimmed.IsEmpty) return new InspectedBody(BodyKind.Empty);
        if (IsHtml(mediaType, trimmed)) return new InspectedBody(BodyKind.Html);
        if (trimmed[0] is not ((byte)'{' or (byte)'['))
            return new InspectedBody(BodyKind.Text);

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            {
                return new InspectedBody(BodyKind.Error, Error: ReadError(doc.RootElement));
            }
        }
        catch (JsonException)
        {
            return new InspectedBody(BodyKind.Malformed);
        }

        try
        {
            var chat = JsonSerializer.Deserialize(span, WireJsonContext.Default.ChatCompletionResponse);
            if (chat is null || chat.Choices.Count == 0 || chat.Choices.Any(c => c.Message is null))
                return new InspectedBody(BodyKind.Unknown);
            return new InspectedBody(BodyKind.Chat, Chat: chat);
        }
        catch (JsonException)
        {
            return new InspectedBody(BodyKind.Unknown);
        }
    }

    /// <summary>Reads {"error": {...}} or the rarer {"error": "text"} leniently.</summary>
    public static ErrorDetail ReadError(JsonElement root)
    {
        var error = root.GetProperty("error");
        if (error.ValueKind == JsonValueKind.String)
            return new ErrorDetail { Message = error.GetString() };
        try
        {
            return JsonSerializer.Deserialize(root, WireJsonContext.Default.ErrorEnvelope)!.Error;
        }
        catch (JsonException)
        {
            return new ErrorDetail
            {
                Message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
            };
        }
    }

    private static bool IsHtml(string? mediaType, ReadOnlySpan<byte> trimmed) =>
        (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
        || trimmed.StartsWith("<!"u8) || StartsWithIgnoreCase(trimmed, "<html"u8);

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> prefix) =>
        span.Length >= prefix.Length && Encoding.ASCII.GetString(span[..prefix.Length]).Equals(Encoding.ASCII.GetString(prefix), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return span[i..];
    }
}

internal sealed record InspectedBody(BodyKind Kind, ChatCompletionResponse? Chat = null, ErrorDetail? Error = null);
