using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Parsing;

// The OpenAI-compatible wire shapes, holding only what the client reads. [JsonRequired] marks what a body
// must have to count as a chat completion; anything else a provider adds is tolerated.
// Response shapes have internal setters with [JsonInclude], not init: the source generator deserializes init-only
// properties through its parameterized-constructor path, which buffers every member in an argument array and
// measured at about half the cost of reading a stream chunk (bench/CometApi.Benchmarks, StreamThroughput).

public sealed record ChatMessage(string Role, string? Content);

public sealed record StreamOptions(bool IncludeUsage);

public sealed record ChatCompletionRequest
{
    public string? Model { get; init; }
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
}

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

public sealed record Usage
{
    [JsonInclude] public long PromptTokens { get; internal set; }
    [JsonInclude] public long CompletionTokens { get; internal set; }
    [JsonInclude] public long TotalTokens { get; internal set; }
    [JsonInclude] public PromptTokensDetails? PromptTokensDetails { get; internal set; }
}

public sealed record PromptTokensDetails
{
    [JsonInclude] public long? CachedTokens { get; internal set; }
}

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

/// <summary>{"error":{...}}. code and param are strings on CometAPI and OpenAI, numbers on some gateways.</summary>
public sealed record ErrorEnvelope
{
    [JsonInclude] [JsonRequired] public ErrorDetail Error { get; internal set; } = null!;
}

public sealed record ErrorDetail
{
    [JsonInclude] public string? Message { get; internal set; }
    [JsonInclude] public string? Type { get; internal set; }
    [JsonInclude] public JsonElement? Code { get; internal set; }
    [JsonInclude] public JsonElement? Param { get; internal set; }

    public string? CodeText => Code is { ValueKind: JsonValueKind.String or JsonValueKind.Number } c
        ? (c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText())
        : null;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
