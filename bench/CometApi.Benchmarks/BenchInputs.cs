using CometApi.Simulation;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;

namespace CometApi.Benchmarks;

/// <summary>What every benchmark feeds the client: the repository's contract files and the checklist's PONG request.</summary>
internal static class BenchInputs
{
    private static readonly Lazy<ContractSet> Loaded = new(() => ContractSet.Load(RepoPaths.Contracts));

    public static ContractSet Contracts => Loaded.Value;

    /// <summary>The checklist's PONG request (without the tests' leak marker: nothing here is scanned for leaks).</summary>
    public static ChatCompletionRequest PongRequest() => new()
    {
        Messages = [new ChatMessage("user", "Return the word pong and no other text.")],
        Temperature = 0,
        MaxTokens = 16,
    };
}
