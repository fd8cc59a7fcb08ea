using BenchmarkDotNet.Attributes;
using Polly;
using Polly.Retry;

namespace CometApi.Benchmarks;

/// <summary>
/// The resilience pipeline on its own, no HTTP: one call of a completed attempt straight, against the same call
/// through a Polly retry pipeline of the client's shape (<c>ResiliencePipeline&lt;T&gt;</c> with one retry whose
/// <c>ShouldHandle</c> reads the outcome, a pooled <see cref="ResilienceContext"/>, an async callback with state),
/// and with the two CancellationTokenSources a call and an attempt each get. The client's own pipeline is internal;
/// this one is built the same way (src/CometApi.Reliability/Client/RetryPipeline.cs).
/// </summary>
[Config(typeof(SteadyShortJob))]
[MemoryDiagnoser]
public class PipelineAloneBenchmarks
{
    private readonly ResiliencePipeline<Outcome> _pipeline = new ResiliencePipelineBuilder<Outcome>()
        .AddRetry(new RetryStrategyOptions<Outcome>
        {
            MaxRetryAttempts = 1,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { Retry: true }),
            DelayGenerator = static _ => ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero),
        })
        .Build();

    [Benchmark(Baseline = true)]
    public async Task<int> Direct() => (await AttemptAsync(7).ConfigureAwait(false)).Value;

    [Benchmark]
    public async Task<int> PollyRetryPipeline()
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            return (await _pipeline.ExecuteAsync(static (_, state) => AttemptAsync(state), context, 7).ConfigureAwait(false)).Value;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [Benchmark]
    public async Task<int> PollyPipelineAndDeadlineTimers()
    {
        using var call = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(call.Token);
        attempt.CancelAfter(TimeSpan.FromSeconds(10));
        var context = ResilienceContextPool.Shared.Get(attempt.Token);
        try
        {
            return (await _pipeline.ExecuteAsync(static (_, state) => AttemptAsync(state), context, 7).ConfigureAwait(false)).Value;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>An attempt that yields once, like a real send does, and succeeds.</summary>
    private static async ValueTask<Outcome> AttemptAsync(int value)
    {
        await Task.Yield();
        return new Outcome(value, Retry: false);
    }

    public sealed record Outcome(int Value, bool Retry);
}
