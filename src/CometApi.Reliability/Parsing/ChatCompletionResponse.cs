using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Parsing;

// The OpenAI-compatible wire shapes, holding only what the client reads. [JsonRequired] marks what a body
// must have to count as a chat completion; anything else a provider adds is tolerated.
// Response shapes have internal setters with [JsonInclude], not init: the source generator deserializes init-only
// properties through its parameterized-constructor path, which buffers every member in an argument array and
// measured at about half the cost of reading a stream chunk (bench/CometApi.Benchmarks, StreamThroughput).

public sealed record ChatCompletionResponse
{
    [JsonInclude] public string? Id { get; internal set; }
    [JsonInclude] [JsonPropertyName("object")] public string? ObjectType { get; internal set; }
    [JsonInclude] public string? Model { get; internal set; }
    [JsonInclude] [JsonRequired] public List<ChatChoice> Choices { get; internal set; } = [];
    [JsonInclude] public Usage? Usage { get; internal set; }
}

public sealed record ChatChoice
{
    [JsonInclude] public int Index { get; internal set; }
    [JsonInclude] [JsonRequired] public AssistantMessage Message { get; internal set; } = null!;
    [JsonInclude] public string? FinishReason { get; internal set; }
}

public sealed record AssistantMessage
{
    [JsonInclude] public string? Role { get; internal set; }
    [JsonInclude] public string? Content { get; internal set; }
    [JsonInclude] public string? Refusal { get; internal set; }
    [JsonInclude] public JsonElement? ToolCalls { get; internal set; }
}
