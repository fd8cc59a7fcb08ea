using System.Net;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Billing;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Telemetry;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace CometApi.ContractTests.Units;

/// <summary>
/// <see cref="RetryPipeline"/>: retries exactly when the outcome's plan says so, waits exactly the plan's delay on
/// the injected clock, never retries a stream that handed content over, and stops when cancelled during the wait.
/// </summary>
public sealed class RetryPipelineTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(AttemptFakes.Start);
    private readonly LogCapture _logs = new();
    private readonly ChatMetrics _metrics = new(null);
    private readonly List<AttemptResult> _returned = [];
    private readonly TaskCompletionSource _secondAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ResiliencePipeline<AttemptResult> Pipeline(int maxRetries = 1)
    {
        var options = new CometApiOptions { Retry = new RetrySettings { MaxRetries = maxRetries } };
        var recorder = new CallRecorder(options, _logs.Factory.CreateLogger("unit"), _metrics, new InMemoryUsageLedger(), new SecretRedactor([]));
        return RetryPipeline.Build(options.Retry, _time, recorder);
    }

    /// <summary>Runs the pipeline over attempts that end in <paramref name="results"/>, one per attempt (the last repeats).</summary>
    private ValueTask<AttemptResult> Run(ResiliencePipeline<AttemptResult> pipeline, CancellationToken token, params AttemptResult[] results) =>
        pipeline.ExecuteAsync(_ =>
        {
            var result = results[Math.Min(_returned.Count, results.Length - 1)];
            _returned.Add(result);
            if (_returned.Count == 2) _secondAttempt.TrySetResult();
            return ValueTask.FromResult(result);
        }, token);

    [Fact]
    public async Task An_outcome_planned_for_a_retry_is_tried_again_and_the_retry_is_logged()
    {
        var result = await Run(Pipeline(), default,
            AttemptFakes.Outcome(RetryPlan.After(TimeSpan.Zero)), AttemptFakes.Outcome(RetryPlan.None, FailureClass.Success, retryIndex: 1));

        _returned.Should().HaveCount(2);
        result.Should().BeSameAs(_returned[1]);
        _logs.Records.Should().ContainSingle(r => r.Id.Id == 4).Which.Message
            .Should().Contain("Retrying cometapi after server_error in 0 ms (retry 1 of 1)");
    }

    [Fact]
    public async Task An_outcome_without_a_plan_or_with_a_refusal_is_final()
    {
        var refused = AttemptFakes.Outcome(RetryPlan.Refuse("Retry-After of 120000 ms does not fit the 8000 ms left"), FailureClass.RateLimited);

        var result = await Run(Pipeline(), default, refused);

        result.Should().BeSameAs(refused);
        _returned.Should().ContainSingle();
        _logs.Records.Should().NotContain(r => r.Id.Id == 4);
    }

    [Fact]
    public async Task Polly_never_exceeds_the_configured_retries_whatever_the_plans_say()
    {
        await Run(Pipeline(maxRetries: 2), default, AttemptFakes.Outcome(RetryPlan.After(TimeSpan.Zero)));

        _returned.Should().HaveCount(3, "the first attempt and two retries");
    }

    [Fact]
    public async Task The_wait_is_the_plans_delay_on_the_injected_clock()
    {
        var run = Run(Pipeline(), default,
            AttemptFakes.Outcome(RetryPlan.After(TimeSpan.FromMilliseconds(625))), AttemptFakes.Outcome(RetryPlan.None, FailureClass.Success, retryIndex: 1)).AsTask();

        _returned.Should().ContainSingle("the retry waits for the backoff");
        _time.Advance(TimeSpan.FromMilliseconds(624));
        _returned.Should().ContainSingle("624 ms is not yet 625 ms");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _secondAttempt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await run.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeSameAs(_returned[1]);
    }

    [Fact]
    public async Task A_stream_that_handed_content_over_is_never_retried()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        var reader = new SseChatReader(response, new MemoryStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"P\"}}]}\n\n"u8.ToArray()), new CancellationTokenSource(), 1 << 20);
        await using var stream = new StreamingAttempt(reader, AttemptFakes.Seen(200), AttemptFakes.Place(TimeSpan.FromSeconds(30)));

        var result = await Run(Pipeline(maxRetries: 3), default, stream, AttemptFakes.Outcome(RetryPlan.None));

        result.Should().BeSameAs(stream);
        _returned.Should().ContainSingle();
    }

    [Fact]
    public async Task Cancelling_during_the_wait_ends_the_run_without_the_retry()
    {
        using var cts = new CancellationTokenSource();
        var run = Run(Pipeline(), cts.Token, AttemptFakes.Outcome(RetryPlan.After(TimeSpan.FromMilliseconds(625)))).AsTask();

        _returned.Should().ContainSingle();
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => run.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
        _time.Advance(TimeSpan.FromSeconds(1));
        _returned.Should().ContainSingle("the retry never started");
    }

    [Fact]
    public async Task With_no_retries_configured_the_pipeline_runs_each_attempt_once()
    {
        await Run(Pipeline(maxRetries: 0), default, AttemptFakes.Outcome(RetryPlan.After(TimeSpan.Zero)));

        _returned.Should().ContainSingle();
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _logs.Dispose();
    }
}
