using CometApi.Reliability.Parsing;

namespace CometApi.Live.Support;

/// <summary>Values that must never leak: a fake key per test and a prompt with a unique marker.</summary>
public static class LeakMarkers
{
    public const string PromptMarker = "canary-prompt-5f1c9e";

    public static string NewApiKey() => SecretRegistry.Register($"sk-canary-{Guid.NewGuid():N}");

    /// <summary>The checklist's PONG prompt plus a marker no log or evidence may contain.</summary>
    public static ChatCompletionRequest PongRequest(int maxTokens = 16) => new()
    {
        Messages = [new ChatMessage("user", $"Return the word pong and no other text. ({PromptMarker})")],
        Temperature = 0,
        MaxTokens = maxTokens,
    };
}
