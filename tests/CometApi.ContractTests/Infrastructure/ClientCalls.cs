using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Parsing;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>The suite's one way to make the PONG call, streamed or not, and get its result.</summary>
public static class ClientCalls
{
    /// <param name="deltas">Collects the streamed text, when given.</param>
    /// <param name="request">The PONG request by default; live checks pass theirs, capped to the live token budget.</param>
    public static async Task<ChatResult> CallAsync(this CometApiChatClient client, bool streaming, ICollection<string>? deltas = null,
        ChatCompletionRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        request ??= LeakMarkers.PongRequest();
        if (!streaming) return await client.CompleteAsync(request, cancellationToken);
        ChatResult? final = null;
        await foreach (var e in client.StreamAsync(request, cancellationToken))
        {
            if (e.Content is { } text) deltas?.Add(text);
            final = e.Result ?? final;
        }

        return final!;
    }
}
