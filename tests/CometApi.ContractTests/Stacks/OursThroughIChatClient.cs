using CometApi.Reliability;
using CometApi.Reliability.Adoption;
using Microsoft.Extensions.AI;

namespace CometApi.ContractTests.Stacks;

/// <summary>Our client through Microsoft.Extensions.AI's IChatClient: failures arrive as ChatCallException.</summary>
public sealed class OursThroughIChatClient : IClientUnderTest
{
    public string Name => "ours-ichatclient";

    public string Description => "CometApiChatClient through IChatClient (AsIChatClient), same options as 'ours'; any non-success class throws ChatCallException.";

    public async Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = target;
        using var client = OursOptions.CreateClient(call);
        using var chat = client.AsIChatClient();
        var deltas = new List<string>();
        ChatResult? result = null;
        var outcome = await StackOutcome.CatchingAsync(deltas, async () =>
        {
            if (!call.Streaming)
            {
                var response = await chat.GetResponseAsync(call.Prompt, cancellationToken: cancellationToken);
                result = response.AsChatResult();
                return new StackOutcome { Result = result, Text = response.Text, FinishReason = response.FinishReason?.Value };
            }

            await foreach (var update in chat.GetStreamingResponseAsync(call.Prompt, cancellationToken: cancellationToken))
            {
                if (update.Text is { Length: > 0 } text) deltas.Add(text);
                result = update.RawRepresentation as ChatResult ?? result;
            }

            return new StackOutcome { Result = result, Text = string.Concat(deltas), FinishReason = result?.FinishReason };
        }, () => OursOptions.Delays(result), virtualDelays: false);
        return outcome.Exception is ChatCallException failed ? outcome with { Result = failed.Result, RequestedDelays = OursOptions.Delays(failed.Result) } : outcome;
    }
}
