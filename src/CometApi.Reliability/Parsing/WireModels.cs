using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Parsing;

// The OpenAI-compatible wire shapes, holding only what the client reads. [JsonRequired] marks what a body
// must have to count as a chat completion; anything else a provider adds is tolerated.

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
    public string? Id { get; init; }
    [JsonPropertyName("object")] public string? ObjectType { get; init; }
    public string? Model { get; init; }
    [JsonRequired] public List<ChatChoice> Choices { get; init; } = [];
    public Usage? Usage { get; init; }
}

public sealed record ChatChoice
{
    public int Index { get; init; }
    [JsonRequired] public AssistantMessage Message { get; init; } = null!;
    public string? FinishReason { get; init; }
}

public sealed record AssistantMessage
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public string? Refusal { get; init; }
    public JsonElement? ToolCalls { get; init; }
}

public sealed record Usage
{
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long TotalTokens { get; init; }
    public PromptTokensDetails? PromptTokensDetails { get; init; }
}

public sealed record PromptTokensDetails
{
    public long? CachedTokens { get; init; }
}

public sealed record ChatCompletionChunk
{
    public string? Id { get; init; }
    public string? Model { get; init; }
    [JsonRequired] public List<ChunkChoice> Choices { get; init; } = [];
    public Usage? Usage { get; init; }
}

public sealed record ChunkChoice
{
    public int Index { get; init; }
    [JsonRequired] public ChunkDelta Delta { get; init; } = null!;
    public string? FinishReason { get; init; }
}

public sealed record ChunkDelta
{
    public string? Role { get; init; }
    public string? Content { get; init; }
    public string? Refusal { get; init; }
    public JsonElement? ToolCalls { get; init; }
}

/// <summary>{"error":{...}}. code and param are strings on CometAPI and OpenAI, numbers on some gateways.</summary>
public sealed record ErrorEnvelope
{
    [JsonRequired] public ErrorDetail Error { get; init; } = null!;
}

public sealed record ErrorDetail
{
    public string? Message { get; init; }
    public string? Type { get; init; }
    public JsonElement? Code { get; init; }
    public JsonElement? Param { get; init; }

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
