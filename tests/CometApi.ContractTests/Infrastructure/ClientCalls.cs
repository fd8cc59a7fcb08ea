using CometApi.Reliability;
using CometApi.Reliability.Client;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>The suite's one way to make the PONG call, streamed or not, and get its result.</summary>
public static class ClientCalls
{
    /// <param name="deltas">Collects the streamed text, when given.</param>
    public static async Task<ChatResult> CallAsync(this CometApiChatClient client, bool streaming, ICollection<string>? deltas = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!streaming) return await client.CompleteAsync(Canaries.PongRequest());
        ChatResult? final = null;
        await foreach (var e in client.StreamAsync(Canaries.PongRequest()))
        {
            if (e.Content is { } text) deltas?.Add(text);
            final = e.Result ?? final;
        }

        return final!;
    }
}
