using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace CometApi.ContractTests.Stacks;

// ---------------------------------------------------------------------------------------------------------------
// The OpenAI .NET SDK (OpenAI 2.15.0) configured the way the CometAPI checklist asks. Copy this file into a service
// that uses the SDK; nothing in it depends on the test suite. What it changes from the SDK's defaults:
//   - a 10 s network timeout per try (default 100 s) and a 30 s deadline over the whole call (default: none);
//   - at most one retry (default 3), jittered 250-1000 ms (default 0.8 s, 1.6 s, 3.2 s, no jitter);
//   - retries only transient failures: never 400/401/403/404, CometAPI's 500 invalid_request, 503 model_not_found
//     or 429 insufficient_quota (the SDK retries every 429, 500 and 503), and never a Retry-After that does not fit
//     the deadline (the SDK waits whatever the server says);
//   - a stream that ends without a finish reason throws IncompleteStreamException (the SDK ends it silently).
// The conformance matrix records it as the stack "openai-sdk-checklist" (contracts/clients/openai-sdk-checklist.json).
// ---------------------------------------------------------------------------------------------------------------

/// <summary>The checklist's numbers.</summary>
public sealed record ChecklistSettings(TimeSpan Deadline, TimeSpan AttemptTimeout, int MaxRetries, TimeSpan BackoffMin, TimeSpan BackoffMax, TimeSpan MaxRetryAfter)
{
    public static ChecklistSettings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 1,
        TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1000), TimeSpan.FromSeconds(5));
}

public static class ChecklistOpenAi
{
    /// <summary>SDK options with the checklist's network timeout and retry policy.</summary>
    public static OpenAIClientOptions Options(Uri baseUrl, ChecklistSettings settings) => new()
    {
        Endpoint = baseUrl,
        NetworkTimeout = settings.AttemptTimeout,
        RetryPolicy = new ChecklistRetryPolicy(settings),
    };

    public static ChatClient CreateChatClient(string model, string apiKey, Uri baseUrl, ChecklistSettings? settings = null) =>
        new(model, new ApiKeyCredential(apiKey), Options(baseUrl, settings ?? ChecklistSettings.Default));

    /// <summary>A completion within the deadline; the SDK throws on failure (ClientResultException, timeouts as OperationCanceledException).</summary>
    public static async Task<ChatCompletion> CompleteAsync(ChatClient client, IEnumerable<ChatMessage> messages, ChatCompletionOptions? options,
        ChecklistSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        return (await client.CompleteChatAsync(messages, options, deadline.Token).ConfigureAwait(false)).Value;
    }

    /// <summary>Streamed updates within the deadline; a stream that ends without a finish reason throws <see cref="IncompleteStreamException"/>.</summary>
    public static async IAsyncEnumerable<StreamingChatCompletionUpdate> StreamAsync(ChatClient client, IEnumerable<ChatMessage> messages,
        ChatCompletionOptions? options, ChecklistSettings settings, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        var finished = false;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options, deadline.Token).ConfigureAwait(false))
        {
            finished |= update.FinishReason is not null;
            yield return update;
        }

        if (!finished) throw new IncompleteStreamException();
    }
}

/// <summary>The stream ended without a finish reason: what arrived is not the whole answer.</summary>
public sealed class IncompleteStreamException() : Exception("The stream ended without a finish reason: the answer is incomplete.");

/// <summary>The checklist's retry decisions on top of System.ClientModel's retry loop.</summary>
public class ChecklistRetryPolicy(ChecklistSettings settings) : ClientRetryPolicy(settings?.MaxRetries ?? 1)
{
    private readonly ChecklistSettings _settings = settings ?? ChecklistSettings.Default;

    protected override bool ShouldRetry(PipelineMessage message, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(message);
        var retries = message.TryGetProperty(typeof(ChecklistRetryPolicy), out var count) ? (int)count! : 0;
        if (retries >= _settings.MaxRetries || message.CancellationToken.IsCancellationRequested) return false;
        if (!Transient(message, exception)) return false;
        message.SetProperty(typeof(ChecklistRetryPolicy), retries + 1);
        return true;
    }

    /// <summary>Whether the failure is one retrying can cure.</summary>
    private bool Transient(PipelineMessage message, Exception? exception)
    {
        if (exception is not null) return exception is IOException or HttpRequestException or OperationCanceledException; // network failure or timeout
        if (message.Response is not { IsError: true } response) return false;

        var code = ErrorCode(response);
        return response.Status switch
        {
            408 or 502 or 504 or 524 => true,
            429 => code != "insufficient_quota" && RetryAfter(response) <= _settings.MaxRetryAfter,
            500 => code != "invalid_request",
            503 => code != "model_not_found",
            _ => false,
        };
    }

    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
    {
        ArgumentNullException.ThrowIfNull(message);
        var jittered = _settings.BackoffMin + ((_settings.BackoffMax - _settings.BackoffMin) * Random.Shared.NextDouble());
        return message.Response is { } response && RetryAfter(response) > jittered ? RetryAfter(response) : jittered;
    }

    private static TimeSpan RetryAfter(PipelineResponse response) =>
        response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var millis) ? TimeSpan.FromMilliseconds(millis)
        : response.Headers.TryGetValue("Retry-After", out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.Zero;

    /// <summary>The error body's <c>error.code</c>; CometAPI's 500 and 503 say with it whether retrying can help.</summary>
    private static string? ErrorCode(PipelineResponse response)
    {
        try
        {
            response.BufferContent();
            using var body = JsonDocument.Parse(response.Content.ToMemory());
            return body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // not a JSON error body (an HTML gateway page): decide by status alone
        }
    }
}
