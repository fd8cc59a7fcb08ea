using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace CometApi.ContractTests.Stacks;

/// <summary>Microsoft.Extensions.AI over the OpenAI SDK (<c>AsIChatClient()</c>), default SDK options; retry waits made virtual.</summary>
public sealed class ExtensionsAiOverSdk : IClientUnderTest
{
    public string Name => "meai-openai-default";

    public string Description => "Microsoft.Extensions.AI.OpenAI 10.11.0: OpenAI ChatClient with default options, AsIChatClient(), no middleware.";

    /// <summary>The SDK's default network timeout; Microsoft.Extensions.AI adds no timer.</summary>
    public TimeSpan? OwnShortestTimer => OpenAiSdkDefaults.DefaultNetworkTimeout;

    public async Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = target;
        var retry = new VirtualWaitRetryPolicy();
        using var chat = new OpenAI.Chat.ChatClient(call.Model, new ApiKeyCredential(call.ApiKey), new OpenAIClientOptions { Endpoint = call.BaseUrl, RetryPolicy = retry })
            .AsIChatClient();
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 16 };
        var deltas = new List<string>();
        return await StackOutcome.CatchingAsync(deltas, async () =>
        {
            if (!call.Streaming)
            {
                var response = await chat.GetResponseAsync(call.Prompt, options, cancellationToken);
                return new StackOutcome { Text = response.Text, FinishReason = response.FinishReason?.Value };
            }

            string? finish = null;
            await foreach (var update in chat.GetStreamingResponseAsync(call.Prompt, options, cancellationToken))
            {
                if (update.Text is { Length: > 0 } text) deltas.Add(text);
                finish = update.FinishReason?.Value ?? finish;
            }

            return new StackOutcome { Text = string.Concat(deltas), FinishReason = finish };
        }, () => retry.Waits, virtualDelays: true);
    }
}
