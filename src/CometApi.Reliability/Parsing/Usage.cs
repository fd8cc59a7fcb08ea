using System.Text.Json.Serialization;

namespace CometApi.Reliability.Parsing;

// Token usage, as a completion or the last chunk of a stream reports it. Settable for the reason given in
// ChatCompletionResponse.cs.

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
