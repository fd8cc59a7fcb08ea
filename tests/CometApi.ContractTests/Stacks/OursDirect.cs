using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;

namespace CometApi.ContractTests.Stacks;

/// <summary>Our client called directly: CompleteAsync / StreamAsync, results classified, never thrown.</summary>
public sealed class OursDirect : IClientUnderTest
{
    public string Name => "ours";

    public string Description => "CometApiChatClient called directly, default options (30 s deadline, 10 s attempt, 1 retry jittered 250-1000 ms), no fallback.";

    public async Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = target;
        using var client = OursOptions.CreateClient(call);
        var deltas = new List<string>();
        ChatResult? result = null;
        return await StackOutcome.CatchingAsync(deltas, async () =>
        {
            result = await client.CallAsync(call.Streaming, deltas, cancellationToken: cancellationToken);
            return new StackOutcome { Result = result, Text = result.Text, Refusal = result.Refusal, FinishReason = result.FinishReason };
        }, () => OursOptions.Delays(result), virtualDelays: false);
    }
}

/// <summary>How the matrix configures our client: its defaults, or the scaled timers; the retry count is a parameter so a test can change it.</summary>
internal static class OursOptions
{
    public static CometApiChatClient CreateClient(StackCall call, int maxRetries = 1)
    {
        var options = new CometApiOptions
        {
            ApiKey = call.ApiKey,
            ApiKeySource = CometApiConfiguration.ApiKey,
            ChatEndpoint = call.ChatEndpoint.AbsoluteUri,
            Model = call.Model,
            TotalTimeout = call.Timing.Deadline,
            AttemptTimeout = call.Timing.Attempt,
            Retry = new RetrySettings { MaxRetries = maxRetries, BackoffMin = call.Timing.BackoffMin, BackoffMax = call.Timing.BackoffMax },
        };
        return new CometApiChatClient(options, TestContracts.Set);
    }

    /// <summary>The backoff our client planned before each retry, from its attempt records.</summary>
    public static IReadOnlyList<TimeSpan>? Delays(ChatResult? result) =>
        result?.Attempts.Skip(1).Select(a => a.BackoffBefore ?? TimeSpan.Zero).ToList();
}
