using BenchmarkDotNet.Attributes;

namespace CometApi.Benchmarks;

/// <summary>
/// Per-request cost of one non-streamed pong completion over loopback HTTP: the suite's client with its whole policy
/// on, against raw HttpClient + System.Text.Json (the baseline) and the official OpenAI SDK, all on the same stub.
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

    protected override void Verify()
    {
        Expect.Pong(RawClient().GetAwaiter().GetResult(), nameof(RawClient));
        Expect.Pong(SuiteClient().GetAwaiter().GetResult(), nameof(SuiteClient));
        Expect.Pong(OpenAiSdk().GetAwaiter().GetResult(), nameof(OpenAiSdk));
        Expect.That(Sinks.Ledger.Rows.Count == 1 && Sinks.Measurements > 0, "the suite client wrote its ledger row and metrics");
    }
}
