using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.AI;

namespace CometApi.Benchmarks;

/// <summary>
/// Reading one long stream (<see cref="StubBodies.LongStreamDeltas"/> content deltas, about 2 MB) from the stub to
/// the last delta: the suite's client, raw HttpClient + SseParser + System.Text.Json (baseline) and the OpenAI SDK.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WithThroughputColumn))]
public class StreamThroughputBenchmarks : AgainstTheStub
{
    protected override string BasePath => "/long/v1";

    [Benchmark(Baseline = true)]
    public async Task<int> RawClient()
    {
        var chars = 0;
        await foreach (var delta in Raw.StreamAsync(Contenders.Prompt).ConfigureAwait(false)) chars += delta.Length;
        return chars;
    }

    [Benchmark]
    public async Task<int> SuiteClient()
    {
        var chars = 0;
        await foreach (var e in Suite.StreamAsync(Request).ConfigureAwait(false))
        {
            chars += e.Content?.Length ?? 0;
            if (e.Result is { IsSuccess: false } failed) throw new InvalidOperationException(failed.ToString());
        }

        return chars;
    }

    [Benchmark]
    public async Task<int> OpenAiSdk()
    {
        var chars = 0;
        await foreach (var update in Sdk.CompleteChatStreamingAsync(SdkMessages, SdkOptions).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate) chars += part.Text.Length;
        }

        return chars;
    }

    [Benchmark]
    public async Task<int> SuiteIChatClient()
    {
        var chars = 0;
        await foreach (var update in SuiteChat.GetStreamingResponseAsync(Contenders.Prompt, ChatOptions).ConfigureAwait(false)) chars += update.Text.Length;
        return chars;
    }

    [Benchmark]
    public async Task<int> OpenAiSdkIChatClient()
    {
        var chars = 0;
        await foreach (var update in SdkChat.GetStreamingResponseAsync(Contenders.Prompt, ChatOptions).ConfigureAwait(false)) chars += update.Text.Length;
        return chars;
    }

    protected override void Verify()
    {
        var expected = StubBodies.LongStreamDeltas * StubBodies.Default.ContentDelta.Length;
        Expect.That(RawClient().GetAwaiter().GetResult() == expected, "raw client read every delta");
        Expect.That(SuiteClient().GetAwaiter().GetResult() == expected, "suite client read every delta");
        Expect.That(OpenAiSdk().GetAwaiter().GetResult() == expected, "OpenAI SDK read every delta");
        Expect.That(SuiteIChatClient().GetAwaiter().GetResult() == expected, "suite client through IChatClient read every delta");
        Expect.That(OpenAiSdkIChatClient().GetAwaiter().GetResult() == expected, "OpenAI SDK through IChatClient read every delta");
    }

    private sealed class WithThroughputColumn : ManualConfig
    {
        public WithThroughputColumn()
        {
            Add(new SteadyShortJob());
            AddColumn(new ThroughputColumn());
        }
    }

    /// <summary>Stream bytes divided by the mean time of one read of the whole stream.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Megabytes (10^6) of SSE read per second";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics?.Mean is { } nanoseconds
                ? (StubBodies.Default.LongStream.Length / (nanoseconds / 1e9) / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";
    }
}
