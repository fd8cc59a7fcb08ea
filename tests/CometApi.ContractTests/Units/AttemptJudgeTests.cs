using System.Text;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.ContractTests.Units;

/// <summary>
/// <see cref="AttemptJudge"/>: the one place the failure policy classifies; it plans the retry before the outcome
/// exists, so the outcome is born with its final note, and only a failure keeps a body excerpt.
/// </summary>
public sealed class AttemptJudgeTests
{
    private const string Key = "sk-unit-judge-key-0001";
    private readonly FakeTimeProvider _time = new(AttemptFakes.Start);

    private AttemptJudge Judge() => new(TestContracts.Policy,
        new RetryPlanner(new RetrySettings(), _time, () => 0.5),
        new MetadataReader(TestContracts.Profile, new SecretRedactor([Key])));

    private static AttemptObservation Body(int status, string body, string? note = null) =>
        AttemptFakes.Seen(status, note) with
        {
            Signals = new ResponseSignals { Status = status, Body = status == 200 ? BodyKind.Chat : BodyKind.Text },
            Body = Encoding.UTF8.GetBytes(body),
        };

    [Fact]
    public void A_failure_is_classified_planned_and_quotes_its_body_redacted()
    {
        var outcome = Judge().Judge(Body(503, $"overloaded, key {Key}"), AttemptFakes.Place(TimeSpan.FromSeconds(30)), mayRetry: true);

        outcome.Class.Should().Be(FailureClass.ServerError);
        outcome.Decision.RuleName.Should().Be("provider failure");
        outcome.Plan.Delay.Should().Be(TimeSpan.FromMilliseconds(625));
        outcome.Metadata.BodyExcerpt.Should().Be($"overloaded, key {SecretRedactor.Mask}");
    }

    [Fact]
    public void A_success_quotes_nothing()
    {
        var outcome = Judge().Judge(Body(200, "{\"choices\":[]}"), AttemptFakes.Place(TimeSpan.FromSeconds(30)), mayRetry: true);

        outcome.Class.Should().Be(FailureClass.Success);
        outcome.Plan.Should().Be(RetryPlan.None);
        outcome.Metadata.BodyExcerpt.Should().BeNull();
    }

    [Fact]
    public void A_refused_retry_is_the_outcomes_note_from_the_start()
    {
        var outcome = Judge().Judge(Body(503, "busy", note: "attempt timeout reached"), AttemptFakes.Place(TimeSpan.FromMilliseconds(100)), mayRetry: true);

        outcome.Note.Should().Be("backoff of 625 ms does not fit the 100 ms left");
        outcome.ToRecord().Note.Should().Be(outcome.Note);
    }

    [Fact]
    public void Where_no_retry_is_possible_a_transient_class_gets_no_plan_and_keeps_its_own_note()
    {
        var outcome = Judge().Judge(Body(503, "busy", note: "connection lost mid-stream"), AttemptFakes.Place(TimeSpan.FromMilliseconds(100)), mayRetry: false);

        outcome.Class.Should().Be(FailureClass.ServerError);
        outcome.Plan.Should().Be(RetryPlan.None);
        outcome.Note.Should().Be("connection lost mid-stream");
    }

    [Fact]
    public void The_record_carries_the_place_the_decision_and_the_timing()
    {
        var place = AttemptFakes.Place(TimeSpan.FromSeconds(30), retryIndex: 1) with { BackoffBefore = TimeSpan.FromMilliseconds(300) };

        var record = Judge().Judge(Body(429, "slow down"), place, mayRetry: true).ToRecord();

        record.Should().Be(new AttemptRecord("cometapi", 1, FailureClass.RateLimited, null, null, AttemptFakes.Start,
            TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(300), "rate limit", null));
    }
}
