using BenchmarkDotNet.Attributes;
using CometApi.Reliability.Adoption;
using CometApi.Reliability.Client;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace CometApi.Benchmarks;

/// <summary>
/// Time from one chunk's bytes arriving to the caller holding its delta. Each client reads an endless stream from a
/// <see cref="PipeHandler"/>: the caller is already waiting for the next delta, the benchmark writes one SSE event
/// into the pipe and stops the clock when the delta comes out. <see cref="DeltasAlreadyRead"/> shows whether the
/// cost depends on how far into the stream the chunk is.
/// </summary>
[Config(typeof(SteadyShortJob))]
[MemoryDiagnoser]
public class DeltaLatencyBenchmarks
{
    private static readonly Uri NeverContacted = new("http://127.0.0.1:9/v1");

    private readonly byte[] _event = StubBodies.Default.ContentEvent;
    private SuitePolicySinks _sinks = null!;
    private CometApiChatClient _suite = null!;
    private CometApiChatClient _suiteForChat = null!;
    private RawChatClient _raw = null!;
    private (PipeHandler Pipe, IAsyncEnumerator<string> Deltas) _rawStream, _suiteStream, _sdkStream, _suiteChatStream, _sdkChatStream;

    [Params(0, 10_000)]
    public int DeltasAlreadyRead { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sinks = new SuitePolicySinks();
        var rawPipe = new PipeHandler();
        _raw = Contenders.Raw(Contenders.Chat(NeverContacted), rawPipe);
        _rawStream = Open(rawPipe, _raw.StreamAsync(Contenders.Prompt));

        var suitePipe = new PipeHandler();
        // The stream stays open for the whole run: the deadline must outlast it.
        _suite = Contenders.Suite(Contenders.Chat(NeverContacted), _sinks, suitePipe, deadline: TimeSpan.FromHours(1));
        _suiteStream = Open(suitePipe, SuiteDeltas(_suite));

        var sdkPipe = new PipeHandler();
        var sdk = Contenders.OpenAi(NeverContacted, sdkPipe);
        _sdkStream = Open(sdkPipe, SdkDeltas(sdk));

        var suiteChatPipe = new PipeHandler();
        _suiteForChat = Contenders.Suite(Contenders.Chat(NeverContacted), _sinks, suiteChatPipe, deadline: TimeSpan.FromHours(1));
        _suiteChatStream = Open(suiteChatPipe, ChatDeltas(_suiteForChat.AsIChatClient()));

        var sdkChatPipe = new PipeHandler();
        _sdkChatStream = Open(sdkChatPipe, ChatDeltas(Contenders.OpenAi(NeverContacted, sdkChatPipe).AsIChatClient()));
    }

    [Benchmark(Baseline = true)]
    public ValueTask<string> RawClient() => NextDelta(_rawStream);

    [Benchmark]
    public ValueTask<string> SuiteClient() => NextDelta(_suiteStream);

    [Benchmark]
    public ValueTask<string> OpenAiSdk() => NextDelta(_sdkStream);

    [Benchmark]
    public ValueTask<string> SuiteIChatClient() => NextDelta(_suiteChatStream);

    [Benchmark]
    public ValueTask<string> OpenAiSdkIChatClient() => NextDelta(_sdkChatStream);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (pipe, deltas) in new[] { _rawStream, _suiteStream, _sdkStream, _suiteChatStream, _sdkChatStream })
        {
            pipe.Writer.Complete();
            deltas.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _raw.Dispose();
        _suite.Dispose();
        _suiteForChat.Dispose();
        _sinks.Dispose();
    }

    /// <summary>The caller waits first, then the bytes arrive: the clock covers parse, policy and hand-over.</summary>
    private async ValueTask<string> NextDelta((PipeHandler Pipe, IAsyncEnumerator<string> Deltas) stream)
    {
        var next = stream.Deltas.MoveNextAsync();
        await stream.Pipe.Writer.WriteAsync(_event).ConfigureAwait(false);
        if (!await next.ConfigureAwait(false)) throw new InvalidOperationException("the stream ended");
        return stream.Deltas.Current;
    }

    private (PipeHandler, IAsyncEnumerator<string>) Open(PipeHandler pipe, IAsyncEnumerable<string> deltas)
    {
        var opening = StubBodies.Default.StreamOpening;
        pipe.Writer.WriteAsync(opening).AsTask().GetAwaiter().GetResult();
        var enumerator = deltas.GetAsyncEnumerator();
        var stream = (pipe, enumerator);
        for (var i = 0; i <= DeltasAlreadyRead; i++)
            Expect.That(NextDelta(stream).AsTask().GetAwaiter().GetResult() == StubBodies.Default.ContentDelta, "each chunk comes out as its delta");
        return stream;
    }

    private static async IAsyncEnumerable<string> SuiteDeltas(CometApiChatClient client)
    {
        await foreach (var e in client.StreamAsync(BenchInputs.PongRequest()).ConfigureAwait(false))
        {
            if (e.Content is { Length: > 0 } text) yield return text;
        }
    }

    private static async IAsyncEnumerable<string> ChatDeltas(IChatClient client)
    {
        await foreach (var update in client.GetStreamingResponseAsync(Contenders.Prompt).ConfigureAwait(false))
        {
            if (update.Text is { Length: > 0 } text) yield return text;
        }
    }

    private static async IAsyncEnumerable<string> SdkDeltas(ChatClient client)
    {
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(Contenders.Prompt)], Contenders.OpenAiOptions()).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                if (part.Text is { Length: > 0 } text) yield return text;
            }
        }
    }
}
