using System.Runtime.CompilerServices;
using CometApi.Reliability.Client;
using Microsoft.Extensions.AI;
using WireMessage = CometApi.Reliability.Parsing.ChatMessage;
using WireRequest = CometApi.Reliability.Parsing.ChatCompletionRequest;

namespace CometApi.Reliability.Adoption;

/// <summary>
/// <see cref="CometApiChatClient"/> as a Microsoft.Extensions.AI <see cref="IChatClient"/>. The classified
/// <see cref="ChatResult"/> travels with every answer (<see cref="ChatResponse.RawRepresentation"/>, and the last
/// streamed update's); any other class than success throws <see cref="ChatCallException"/> carrying it, so a
/// refusal, an empty answer or a cut stream never passes for an answer.
/// </summary>
public sealed class CometApiIChatClient : IChatClient
{
    private readonly CometApiChatClient _client;
    private readonly bool _ownsClient;

    /// <param name="client">The client that does the work (timeouts, retry, fallback, redaction).</param>
    /// <param name="ownsClient">Dispose <paramref name="client"/> with this adapter.</param>
    public CometApiIChatClient(CometApiChatClient client, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
        Metadata = new ChatClientMetadata("cometapi", new Uri(client.Endpoint.GetLeftPart(UriPartial.Authority)));
    }

    public ChatClientMetadata Metadata { get; }

    /// <exception cref="ChatCallException">The call ended in any class but success; <see cref="ChatCallException.Result"/> says which.</exception>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = (await _client.CompleteAsync(ToRequest(messages, options), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            ModelId = result.Model,
            ResponseId = result.RequestId,
            FinishReason = ToFinishReason(result.FinishReason),
            Usage = ToUsage(result),
            RawRepresentation = result,
        };
    }

    /// <summary>Deltas as they arrive; then one last update carrying the result, or <see cref="ChatCallException"/> when the call failed.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in _client.StreamAsync(ToRequest(messages, options), cancellationToken).ConfigureAwait(false))
        {
            if (e.Result is not { } result)
            {
                if (e.Content is { } text) yield return new ChatResponseUpdate(ChatRole.Assistant, text) { RawRepresentation = e };
                continue;
            }

            result.EnsureSuccess();
            var last = new ChatResponseUpdate(ChatRole.Assistant, [])
            {
                ModelId = result.Model,
                ResponseId = result.RequestId,
                FinishReason = ToFinishReason(result.FinishReason),
                RawRepresentation = result,
            };
            if (ToUsage(result) is { } usage) last.Contents.Add(new UsageContent(usage));
            yield return last;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }

    /// <summary>Only what the wire request carries: role and text per message, model, temperature, output tokens.</summary>
    private static WireRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new WireRequest
        {
            Messages = messages.Select(m => new WireMessage(m.Role.Value, m.Text)).ToList(),
            Model = options?.ModelId,
            Temperature = options?.Temperature,
            MaxTokens = options?.MaxOutputTokens,
        };
    }

    private static ChatFinishReason? ToFinishReason(string? reason) => reason is null ? null : new ChatFinishReason(reason);

    private static UsageDetails? ToUsage(ChatResult result) => result.Usage is not { } u ? null : new UsageDetails
    {
        InputTokenCount = u.PromptTokens,
        OutputTokenCount = u.CompletionTokens,
        TotalTokenCount = u.TotalTokens,
    };
}
