using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.ContractTests.Units;

/// <summary><see cref="RetryPlanner"/>: the one place that decides whether an attempt is retried, and after how long.</summary>
public sealed class RetryPlannerTests
{
    private readonly FakeTimeProvider _time = new(AttemptFakes.Start);
    private int _jitterCalls;

    private RetryPlanner Planner(double unit = 0.5, int maxRetries = 1) =>
        new(new RetrySettings { MaxRetries = maxRetries }, _time, () => { _jitterCalls++; return unit; });

    [Fact]
    public void A_transient_class_is_retried_after_the_jittered_backoff()
    {
        var plan = Planner(unit: 0.5).Plan(AttemptFakes.Decision(FailureClass.ServerError), null, AttemptFakes.Place(TimeSpan.FromSeconds(30)));

        plan.Retry.Should().BeTrue();
        plan.Delay.Should().Be(TimeSpan.FromMilliseconds(625), "250 + 0.5 * (1000 - 250)");
        plan.Refusal.Should().BeNull();
        _jitterCalls.Should().Be(1);
    }

    [Theory]
    [InlineData(FailureClass.InvalidRequest)]
    [InlineData(FailureClass.QuotaExhausted)]
    [InlineData(FailureClass.Success)]
    [InlineData(FailureClass.StreamTruncated)]
    public void A_class_the_policy_does_not_retry_gets_no_plan_and_draws_no_jitter(FailureClass cls)
    {
        var plan = Planner().Plan(AttemptFakes.Decision(cls), TimeSpan.FromMilliseconds(10), AttemptFakes.Place(TimeSpan.FromSeconds(30)));

        plan.Should().Be(RetryPlan.None);
        _jitterCalls.Should().Be(0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    public void No_retry_is_planned_once_the_retries_are_used_up(int maxRetries, int retryIndex)
    {
        var plan = Planner(maxRetries: maxRetries).Plan(AttemptFakes.Decision(FailureClass.RateLimited), null, AttemptFakes.Place(TimeSpan.FromSeconds(30), retryIndex));

        plan.Should().Be(RetryPlan.None, "the last allowed attempt has no note: nothing was refused");
        _jitterCalls.Should().Be(0);
    }

    [Fact]
    public void A_Retry_After_that_fits_is_the_delay_and_no_jitter_is_drawn()
    {
        var plan = Planner().Plan(AttemptFakes.Decision(FailureClass.RateLimited), TimeSpan.FromMilliseconds(20), AttemptFakes.Place(TimeSpan.FromSeconds(30)));

        plan.Delay.Should().Be(TimeSpan.FromMilliseconds(20));
        _jitterCalls.Should().Be(0);
    }

    [Fact]
    public void A_Retry_After_that_does_not_fit_the_deadline_is_refused_with_the_reason()
    {
        _time.Advance(TimeSpan.FromSeconds(2));

        var plan = Planner().Plan(AttemptFakes.Decision(FailureClass.RateLimited), TimeSpan.FromMinutes(2), AttemptFakes.Place(TimeSpan.FromSeconds(10)));

        plan.Retry.Should().BeFalse();
        plan.Refusal.Should().Be("Retry-After of 120000 ms does not fit the 8000 ms left");
    }

    [Fact]
    public void A_backoff_that_does_not_fit_is_refused_and_a_deadline_already_past_reads_as_zero_left()
    {
        _time.Advance(TimeSpan.FromSeconds(1));

        var plan = Planner(unit: 1.0).Plan(AttemptFakes.Decision(FailureClass.Timeout), null, AttemptFakes.Place(TimeSpan.FromMilliseconds(500)));

        plan.Refusal.Should().Be("backoff of 1000 ms does not fit the 0 ms left");
    }

    [Fact]
    public void A_delay_exactly_as_long_as_the_time_left_is_refused()
    {
        var plan = Planner().Plan(AttemptFakes.Decision(FailureClass.ServerError), TimeSpan.FromSeconds(1), AttemptFakes.Place(TimeSpan.FromSeconds(1)));

        plan.Refusal.Should().StartWith("Retry-After of 1000 ms does not fit");
    }

    [Theory]
    [InlineData(0.0, 250)]
    [InlineData(-3.0, 250)]
    [InlineData(0.999, 999)]
    [InlineData(1.0, 1000)]
    [InlineData(7.0, 1000)]
    public void The_backoff_stays_within_the_configured_bounds(double unit, int expectedMs)
    {
        RetryPlanner.Backoff(new RetrySettings(), unit).TotalMilliseconds.Should().BeApproximately(expectedMs, 1);
    }
}
