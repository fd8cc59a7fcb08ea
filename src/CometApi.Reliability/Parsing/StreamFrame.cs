using System.Text.Json;
using System.Text.Unicode;

namespace CometApi.Reliability.Parsing;

internal enum FrameKind { Chunk, Done, Error, Malformed }

/// <summary>
/// One SSE event's data, parsed straight from its UTF-8 bytes: a chunk, the <c>[DONE]</c> sentinel, an error frame or
/// something malformed. Never throws. A chunk is deserialized in one pass; only data that mentions "error" or does not
/// deserialize is also read as a document, so an error member anywhere at the top wins as it always did.
/// </summary>
internal sealed record StreamFrame(FrameKind Kind, ChatCompletionChunk? Chunk = null, ErrorDetail? Error = null)
{
    private static readonly StreamFrame Done = new(FrameKind.Done);
    private static readonly StreamFrame Malformed = new(FrameKind.Malformed);

    public static StreamFrame Parse(ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).SequenceEqual("[DONE]"u8)) return Done;
        // JSON text is UTF-8; the deserializer does not check members it skips.
        if (!Utf8.IsValid(data)) return Malformed;
        if (data.IndexOf("\"error\""u8) < 0)
        {
            try
            {
                if (JsonSerializer.Deserialize(data, WireJsonContext.Default.ChatCompletionChunk) is { Choices: not null } chunk)
                    return new StreamFrame(FrameKind.Chunk, chunk);
            }
            catch (JsonException)
            {
                // Read it again as a document below: it may still be an error frame.
            }
        }

        return ParseAsDocument(data);
    }

    private static StreamFrame ParseAsDocument(ReadOnlySpan<byte> data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
                return new StreamFrame(FrameKind.Error, Error: BodyInspector.ReadError(error));
            return root.Deserialize(WireJsonContext.Default.ChatCompletionChunk) is { Choices: not null } chunk
                ? new StreamFrame(FrameKind.Chunk, chunk)
                : Malformed;
        }
        catch (JsonException)
        {
            return Malformed;
        }
    }
}
