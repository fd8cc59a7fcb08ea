using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace CometApi.Benchmarks;

/// <summary>
/// Per-request cost of one non-streamed pong completion over loopback HTTP: the suite's client with its whole policy
/// on, against raw HttpClient + System.Text.Json (the baseline) and the official OpenAI SDK, all on the same stub;
/// and each of the two through Microsoft.Extensions.AI's IChatClient, the way a .NET service would call them.
/// </summary>
[Config(typeof(SteadyShortJob))]
[MemoryDiagnoser]
public class RequestCostBenchmarks : AgainstTheStub
{
    protected override string BasePath => "/pong/v1";

    [Benchmark(Baseline = true)]
    public Task<string?> RawClient() => Raw.CompleteAsync(Contenders.Prompt);

    [Benchmark]
    public async Task<string?> SuiteClient() => (await Suite.CompleteAsync(Request).ConfigureAwait(false)).Text;

    [Benchmark]
    public async Task<string?> OpenAiSdk() => (await Sdk.CompleteChatAsync(SdkMessages, SdkOptions).ConfigureAwait(false)).Value.Content[0].Text;

    [Benchmark]
    public async Task<string?> SuiteIChatClient() => (await SuiteChat.GetResponseAsync(Contenders.Prompt, ChatOptions).ConfigureAwait(false)).Text;

    [Benchmark]
    public async Task<string?> OpenAiSdkIChatClient() => (await SdkChat.GetResponseAsync(Contenders.Prompt, ChatOptions).ConfigureAwait(false)).Text;

    protected override void Verify()
    {
        Expect.Pong(RawClient().GetAwaiter().GetResult(), nameof(RawClient));
        Expect.Pong(SuiteClient().GetAwaiter().GetResult(), nameof(SuiteClient));
        Expect.Pong(OpenAiSdk().GetAwaiter().GetResult(), nameof(OpenAiSdk));
        Expect.Pong(SuiteIChatClient().GetAwaiter().GetResult(), nameof(SuiteIChatClient));
        Expect.Pong(OpenAiSdkIChatClient().GetAwaiter().GetResult(), nameof(OpenAiSdkIChatClient));
        Expect.That(Sinks.Ledger.Rows.Count == 2 && Sinks.Measurements > 0, "the suite client wrote its ledger row and metrics");
    }
}
