using OpenAI.Chat;

namespace CometApi.ContractTests.Stacks;

/// <summary>The PONG call through an OpenAI SDK <see cref="ChatClient"/>, streamed or not, as a caller would make it.</summary>
internal static class SdkCalls
{
    public static ChatCompletionOptions Options() => new() { Temperature = 0, MaxOutputTokenCount = 16 };

    public static ChatMessage[] Messages(StackCall call) => [new UserChatMessage(call.Prompt)];

    public static StackOutcome From(ChatCompletion completion) => new()
    {
        Text = completion.Content.Count > 0 ? string.Concat(completion.Content.Select(p => p.Text)) : null,
        Refusal = completion.Refusal,
        FinishReason = WireName(completion.FinishReason),
    };

    /// <summary>Reads the updates into <paramref name="deltas"/> and returns what the caller ends up with.</summary>
    public static async Task<StackOutcome> ReadAsync(IAsyncEnumerable<StreamingChatCompletionUpdate> updates, List<string> deltas)
    {
        string? refusal = null;
        ChatFinishReason? finish = null;
        await foreach (var update in updates)
        {
            foreach (var part in update.ContentUpdate)
                if (part.Text is { Length: > 0 } text) deltas.Add(text);
            if (update.RefusalUpdate is { Length: > 0 } r) refusal += r;
            finish = update.FinishReason ?? finish;
        }

        return new StackOutcome { Text = string.Concat(deltas), Refusal = refusal, FinishReason = finish is { } f ? WireName(f) : null };
    }

    private static string WireName(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString(),
    };
}
