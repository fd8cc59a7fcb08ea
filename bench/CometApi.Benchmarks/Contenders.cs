using System.ClientModel;
using System.ClientModel.Primitives;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using OpenAI;
using OpenAI.Chat;

namespace CometApi.Benchmarks;

/// <summary>
/// The three clients every benchmark compares, built the same way everywhere: the same key, model and prompt, each
/// with its own <see cref="HttpClient"/> over the given transport (a socket handler for the stub, a pipe for the
/// latency benchmark).
/// </summary>
internal static class Contenders
{
    public const string ApiKey = "sk-bench-000000000000000000000000";
    public const string Model = "gpt-5.4-mini";
    public static readonly string Prompt = BenchInputs.PongRequest().Messages[0].Content!;

    /// <summary>The suite's client with its whole policy on: classification, ledger, metrics and redacted logging.</summary>
    public static CometApiChatClient Suite(Uri chatEndpoint, SuitePolicySinks sinks, HttpMessageHandler? handler = null, TimeSpan? deadline = null)
    {
        var options = new CometApiOptions { ApiKey = ApiKey, Model = Model, ChatEndpoint = chatEndpoint.ToString() };
        if (deadline is { } d) (options.TotalTimeout, options.AttemptTimeout) = (d, d);
        return new CometApiChatClient(options, BenchInputs.Contracts, handler, sinks.Loggers, ledger: sinks.Ledger);
    }

    /// <summary>The official SDK pointed at the same endpoint (it appends chat/completions to the base).</summary>
    public static ChatClient OpenAi(Uri baseEndpoint, HttpMessageHandler? handler = null)
    {
        var options = new OpenAIClientOptions { Endpoint = baseEndpoint, NetworkTimeout = TimeSpan.FromHours(1) };
        if (handler is not null) options.Transport = new HttpClientPipelineTransport(new HttpClient(handler));
        return new ChatClient(Model, new ApiKeyCredential(ApiKey), options);
    }

    public static ChatCompletionOptions OpenAiOptions() => new() { Temperature = 0, MaxOutputTokenCount = 16 };

    public static RawChatClient Raw(Uri chatEndpoint, HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()), chatEndpoint, ApiKey);

    /// <summary>The chat-completions URL under a base (the SDK's convention).</summary>
    public static Uri Chat(Uri baseEndpoint) => new(baseEndpoint.ToString().TrimEnd('/') + "/chat/completions");
}
