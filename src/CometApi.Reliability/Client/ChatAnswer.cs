using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>What the provider answered, as the call's result reports it, whichever way it arrived.</summary>
internal readonly record struct ChatAnswer(string? Text, string? Refusal, string? FinishReason, string? Model, Usage? Usage)
{
    public static ChatAnswer From(ChatCompletionResponse? chat)
    {
        var choice = chat?.Choices[0];
        return new ChatAnswer(choice?.Message?.Content, choice?.Message?.Refusal, choice?.FinishReason, chat?.Model, chat?.Usage);
    }
}
