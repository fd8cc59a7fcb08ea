using CometApi.Reliability.Configuration;
using Polly;
using Polly.Retry;

namespace CometApi.Reliability.Client;

/// <summary>
/// The single retry owner, shaped like Polly's own retry strategy: <c>ShouldHandle</c> only reads the plan each
/// outcome already carries (<see cref="RetryPlanner"/>), <c>DelayGenerator</c> is the only source of the wait, and
/// <c>OnRetry</c> hands the retry to the recorder. A stream that handed content over is never an outcome here.
/// </summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline<AttemptResult> Build(RetrySettings retry, TimeProvider time, CallRecorder recorder)
    {
        var builder = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = time };
        if (retry.MaxRetries == 0) return builder.Build();

        return builder.AddRetry(new RetryStrategyOptions<AttemptResult>
        {
            MaxRetryAttempts = retry.MaxRetries,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is AttemptOutcome { Plan.Retry: true }),
            DelayGenerator = static args => ValueTask.FromResult(((AttemptOutcome)args.Outcome.Result!).Plan.Delay),
            OnRetry = args =>
            {
                recorder.Retrying((AttemptOutcome)args.Outcome.Result!, args.RetryDelay, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
