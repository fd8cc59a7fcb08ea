using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CometApi.Reliability.Classification;

namespace CometApi.Reliability.Parsing;

/// <summary>Turns a non-streamed response body into a body kind plus whatever typed content it holds. Never throws.</summary>
internal static class BodyInspector
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static InspectedBody Inspect(string? mediaType, ReadOnlyMemory<byte> body, bool tooLarge)
    {
        if (tooLarge) return new InspectedBody(BodyKind.TooLarge);
        var span = body.Span;
        var trimmed = TrimStart(span);
        if (trimmed.IsEmpty) return new InspectedBody(BodyKind.Empty);
        if (IsHtml(mediaType, trimmed)) return new InspectedBody(BodyKind.Html);
        if (trimmed[0] is not ((byte)'{' or (byte)'['))
            return new InspectedBody(BodyKind.Text);

        // JSON text is UTF-8 (RFC 8259); System.Text.Json skips unread members without checking their bytes.
        if (!Utf8.IsValid(span)) return new InspectedBody(BodyKind.Malformed);

        // A UTF-8 byte order mark is not JSON, but RFC 8259 lets a parser ignore it; the sniffing above already does.
        if (span.StartsWith(Bom))
        {
            body = body[Bom.Length..];
            span = body.Span;
        }

        // The usual answer, a completion that does not mention "error", is deserialized in one pass. Anything else
        // (an error member may be present, or the completion does not deserialize) is also read as a document, which
        // is what tells an error body, malformed JSON and valid JSON of another shape apart.
        if (span.IndexOf("\"error\""u8) < 0 && TryReadChat(span) is { } fast) return fast;
        return InspectAsDocument(body);
    }

    private static InspectedBody? TryReadChat(ReadOnlySpan<byte> json)
    {
        try
        {
            return AsChat(JsonSerializer.Deserialize(json, WireJsonContext.Default.ChatCompletionResponse));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InspectedBody InspectAsDocument(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            // An error member of any kind but null says the provider failed, whatever else the body holds.
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind != JsonValueKind.Null)
            {
                return new InspectedBody(BodyKind.Error, Error: ReadError(error));
            }
        }
        catch (JsonException)
        {
            return new InspectedBody(BodyKind.Malformed);
        }

        return TryReadChat(body.Span) ?? new InspectedBody(BodyKind.Unknown);
    }

    /// <summary>[JsonRequired] lets an explicit null through: "choices": null and "choices": [null] are not completions.</summary>
    private static InspectedBody AsChat(ChatCompletionResponse? chat) =>
        chat?.Choices is not { Count: > 0 } choices || choices.Any(c => c?.Message is null)
            ? new InspectedBody(BodyKind.Unknown)
            : new InspectedBody(BodyKind.Chat, Chat: chat);

    /// <summary>
    /// Reads an <c>error</c> member leniently: {"message", "type", "code", ...}, the rarer plain string, or any other
    /// kind (an error without details). Members of the wrong type or unreadable text lose only themselves.
    /// </summary>
    public static ErrorDetail ReadError(JsonElement error)
    {
        try
        {
            return error.ValueKind switch
            {
                JsonValueKind.String => new ErrorDetail { Message = error.GetString() },
                JsonValueKind.Object => error.Deserialize(WireJsonContext.Default.ErrorDetail) ?? new ErrorDetail(),
                _ => new ErrorDetail(),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new ErrorDetail { Message = error.ValueKind == JsonValueKind.Object ? ReadableString(error, "message") : null };
        }
    }

    private static string? ReadableString(JsonElement owner, string name)
    {
        try
        {
            return owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null; // an escaped lone surrogate is not text
        }
    }

    private static bool IsHtml(string? mediaType, ReadOnlySpan<byte> trimmed) =>
        (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
        || trimmed.StartsWith("<!"u8) || StartsWithIgnoreCase(trimmed, "<html"u8);

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> prefix) =>
        span.Length >= prefix.Length && Encoding.ASCII.GetString(span[..prefix.Length]).Equals(Encoding.ASCII.GetString(prefix), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith(Bom)) span = span[Bom.Length..];
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return span[i..];
    }
}

internal sealed record InspectedBody(BodyKind Kind, ChatCompletionResponse? Chat = null, ErrorDetail? Error = null);
