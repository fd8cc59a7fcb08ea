using System.ClientModel;
using OpenAI;
using OpenAI.Chat;

namespace CometApi.ContractTests.Stacks;

/// <summary>The OpenAI SDK's ChatClient with default options, pointed at the simulation; retry waits made virtual.</summary>
public sealed class OpenAiSdkDefaults : IClientUnderTest
{
    public string Name => "openai-sdk-default";

    public string Description => "OpenAI 2.15.0 ChatClient with default OpenAIClientOptions (3 retries, 0.8 s exponential, Retry-After honoured, 100 s network timeout, no deadline).";

    /// <summary>System.ClientModel's network timeout per try when <c>NetworkTimeout</c> is left null: the SDK's only timer.</summary>
    public static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(100);

    public TimeSpan? OwnShortestTimer => DefaultNetworkTimeout;

    public async Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = target;
        var retry = new VirtualWaitRetryPolicy();
        var client = new ChatClient(call.Model, new ApiKeyCredential(call.ApiKey), new OpenAIClientOptions { Endpoint = call.BaseUrl, RetryPolicy = retry });
        var deltas = new List<string>();
        return await StackOutcome.CatchingAsync(deltas, async () => call.Streaming
            ? await SdkCalls.ReadAsync(client.CompleteChatStreamingAsync(SdkCalls.Messages(call), SdkCalls.Options(), cancellationToken), deltas)
            : SdkCalls.From((await client.CompleteChatAsync(SdkCalls.Messages(call), SdkCalls.Options(), cancellationToken)).Value),
            () => retry.Waits, virtualDelays: true);
    }
}
