namespace CometApi.Reliability.Parsing;

// The request as the client sends it; the response shapes are in ChatCompletionResponse.cs.

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
