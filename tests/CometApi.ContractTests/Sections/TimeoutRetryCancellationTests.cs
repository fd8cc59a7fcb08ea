using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// CL5: per-attempt timeout and total deadline; one retry for transient failures only, with 250-1000 ms jitter;
/// Retry-After honoured only when it fits; no retry after content reached the caller; cancellation is final.
/// </summary>
[Checklist("CL5")]
[StartsFirst]
public sealed class TimeoutRetryCancellationTests
{
    /// <summary>A guard against a hung test, never a wait the verdict depends on.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(20);

    public static TheoryData<string, bool> Scenarios => ScenarioCases.Tagged("CL5");

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Transient_failures_are_retried_once_and_everything_else_never(string scenario, bool streaming)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: false);

        await run.ShouldMatchExpectationAsync("CL5");
        var policy = TestContracts.Policy.For(run.Result.Attempts[0].Class);
        run.Result.Attempts.Should().HaveCountLessThanOrEqualTo(policy.Retry ? 2 : 1, "retries cannot multiply cost");
    }

    [ScenarioFact("rate-limit-429-short")]
    public async Task A_short_Retry_After_is_honoured_as_the_wait_before_the_retry()
    {
        using var run = await ScenarioRun.ExecuteAsync("rate-limit-429-short", streaming: false, withFallback: false);

        run.Result.Attempts.Should().HaveCount(2);
        run.Result.Attempts[1].BackoffBefore.Should().Be(TimeSpan.FromMilliseconds(20), "retry-after-ms wins over Retry-After");
    }

    [ScenarioFact("rate-limit-429-long")]
    public async Task A_Retry_After_longer_than_the_deadline_fails_at_once_and_says_why()
    {
        using var run = await ScenarioRun.ExecuteAsync("rate-limit-429-long", streaming: false, withFallback: false);

        run.Result.Class.Should().Be(FailureClass.RateLimited);
        run.World.PrimaryAttempts.Should().Be(1);
        run.Result.Attempts.Single().Note.Should().Contain("Retry-After of 120000 ms does not fit");
        run.World.Logs.AllText.Should().Contain("Not retrying cometapi after rate_limited");
    }

    [Fact]
    public async Task The_backoff_is_jittered_between_250_and_1000_ms_and_waited_on_the_injected_clock()
    {
        using var world = new SimulatedCometApi();
        var (client, time, backoffTimer) = AlwaysUnavailableWithPinnedBackoff(world);

        var call = client.CompleteAsync(LeakMarkers.PongRequest());
        var backoff = await backoffTimer;
        world.PrimaryAttempts.Should().Be(1, "the retry waits for the backoff");
        time.Advance(TimeSpan.FromMilliseconds(624));
        await Task.Delay(50);
        world.PrimaryAttempts.Should().Be(1, "624 ms is not yet 625 ms");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));

        backoff.Should().Be(TimeSpan.FromMilliseconds(625), "250 + 0.5 * (1000 - 250)");
        result.Class.Should().Be(FailureClass.ServerError);
        result.Attempts.Should().HaveCount(2);
        result.Attempts[1].BackoffBefore.Should().Be(TimeSpan.FromMilliseconds(625));
        world.PrimaryAttempts.Should().Be(2);
    }

    [Fact]
    public async Task Cancelling_during_the_backoff_wait_ends_the_call_without_the_retry()
    {
        using var world = new SimulatedCometApi();
        var (client, _, backoffTimer) = AlwaysUnavailableWithPinnedBackoff(world);
        using var cts = new CancellationTokenSource();

        var call = client.CompleteAsync(LeakMarkers.PongRequest(), cts.Token);
        await backoffTimer;
        await cts.CancelAsync();
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));

        result.Class.Should().Be(FailureClass.Cancelled);
        result.Attempts.Should().ContainSingle("the retry never started").Which.Class.Should().Be(FailureClass.ServerError);
        world.PrimaryAttempts.Should().Be(1);
        world.Ledger.Rows.Should().ContainSingle();
    }

    [Theory]
    [InlineData(0.0, 250)]
    [InlineData(0.999, 999)]
    [InlineData(1.0, 1000)]
    public void Backoff_bounds_come_from_the_retry_settings(double unit, int expectedMs)
    {
        RetryPlanner.Backoff(new RetrySettings(), unit).TotalMilliseconds.Should().BeApproximately(expectedMs, 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Caller_cancellation_stops_at_once_and_is_never_retried(bool streaming)
    {
        using var world = new SimulatedCometApi();
        // Headers and half a body, then nothing until the client goes away (a static Delay would not notice the abort).
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(new StalledBodyResponder("{\"choices\":[]}"u8.ToArray(), sendBytes: 5, stalls: world.Stalls));
        var client = world.CreateClient();
        using var cts = new CancellationTokenSource();

        var call = client.CallAsync(streaming, cancellationToken: cts.Token);
        // Cancelled once the provider holds back its answer (a signal, not a guess of how long that takes). Not on the
        // request's arrival: a cancel before the responder's first flush never reaches the stall, and the soak caught it.
        await Task.WhenAny(world.Stalls.WhenStalledAsync(1), call).WaitAsync(Hung);
        await cts.CancelAsync();
        var result = await call.WaitAsync(Hung);

        result.Class.Should().Be(FailureClass.Cancelled);
        result.FallbackUsed.Should().BeFalse();
        result.Attempts.Should().ContainSingle().Which.Note.Should().Be("cancelled by the caller");
        world.PrimaryAttempts.Should().Be(1);
        // The stalled answer would only end by the responder's 30 s safety cap: the stall must end because the
        // client left it (the connection aborted on cancel), never by waiting the answer out.
        await world.Stalls.WhenEndedAsync(1).WaitAsync(Hung);
        world.Stalls.LeftByClient.Should().Be(1, "cancellation does not wait for the stalled answer");
    }

    [ScenarioFact("slow-headers")]
    public async Task Timeouts_are_visible_in_the_logs_with_their_kind()
    {
        using var run = await ScenarioRun.ExecuteAsync("slow-headers", streaming: false, withFallback: false);

        run.World.Logs.Records.Where(r => r.Id.Id == 3).Should().HaveCount(2)
            .And.AllSatisfy(r => r.Message.Should().Contain("attempt timeout reached"));
    }

    [ScenarioFact("stream-stall")]
    public async Task A_stall_after_the_first_delta_is_a_timeout_that_is_not_retried()
    {
        using var run = await ScenarioRun.ExecuteAsync("stream-stall", streaming: true, withFallback: true);

        run.Result.Class.Should().Be(FailureClass.Timeout);
        run.Deltas.Should().NotBeEmpty("content reached the caller before the stall");
        run.World.PrimaryAttempts.Should().Be(1, "a retry would duplicate what the caller already has");
        run.Result.FallbackUsed.Should().BeFalse("fallback would splice a second answer onto the first");
    }

    [Fact]
    public async Task A_deadline_shorter_than_the_answer_bounds_the_whole_call()
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(3000).WithBody("{}"));
        var clock = new StallClock();
        var watch = world.WatchResponses();
        var client = world.CreateClient(new SimulationTiming(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300), TimeSpan.Zero, TimeSpan.Zero), time: clock);

        // The answer is held back from the moment the request arrives; the 300 ms run out in virtual time.
        var result = await StallDriver.DriveAsync(client.CompleteAsync(LeakMarkers.PongRequest()), clock, watch,
            world.HeldHeadersStallAsync);

        result.Class.Should().Be(FailureClass.Timeout);
        result.Attempts.Should().ContainSingle("no time is left for a retry");
    }

    /// <summary>
    /// A provider that always answers 503, and a client with the default retry settings, jitter pinned at 0.5 (a
    /// 625 ms backoff) and a fake clock already watching for that backoff's timer: watching only after the call
    /// started could miss a timer a fast 503 created first.
    /// </summary>
    private static (CometApiChatClient Client, TimerWatchingTimeProvider Time, Task<TimeSpan> BackoffTimer) AlwaysUnavailableWithPinnedBackoff(SimulatedCometApi world)
    {
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        var time = new TimerWatchingTimeProvider();
        var client = world.CreateClient(configure: o => o.Retry = new RetrySettings(), time: time, jitter: () => 0.5);
        return (client, time, time.WaitForTimerAsync(TimeSpan.FromMilliseconds(625)));
    }

    /// <summary>A fake clock that reports the timers the client creates, so a test can advance exactly past a backoff.</summary>
    private sealed class TimerWatchingTimeProvider : FakeTimeProvider
    {
        private readonly TaskCompletionSource<TimeSpan> _timer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TimeSpan _wanted;

        public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime)
        {
            _wanted = dueTime;
            return _timer.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == _wanted) _timer.TrySetResult(dueTime);
            return timer;
        }
    }

    [LiveFact]
    public Task Live_a_deadline_that_falls_in_flight_is_a_client_timeout_that_is_not_retried() =>
        LiveCheckReport.ReportAsync("CL5.client-timeout");
}
