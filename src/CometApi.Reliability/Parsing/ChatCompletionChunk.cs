using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Parsing;

// One event of a streamed completion. Settable for the reason given in ChatCompletionResponse.cs.

public sealed record ChatCompletionChunk
{
    [JsonInclude] public string? Id { get; internal set; }
    [JsonInclude] public string? Model { get; internal set; }
    [JsonInclude] [JsonRequired] public List<ChunkChoice> Choices { get; internal set; } = [];
    [JsonInclude] public Usage? Usage { get; internal set; }
}

public sealed record ChunkChoice
{
    [JsonInclude] public int Index { get; internal set; }
    [JsonInclude] [JsonRequired] public ChunkDelta Delta { get; internal set; } = null!;
    [JsonInclude] public string? FinishReason { get; internal set; }
}

public sealed record ChunkDelta
{
    [JsonInclude] public string? Role { get; internal set; }
    [JsonInclude] public string? Content { get; internal set; }
    [JsonInclude] public string? Refusal { get; internal set; }
    [JsonInclude] public JsonElement? ToolCalls { get; internal set; }
}
