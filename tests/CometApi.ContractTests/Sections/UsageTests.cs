using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;

namespace CometApi.ContractTests.Sections;

/// <summary>CL7: usage is read from both shapes, and every attempt (failed, timed out, retried) is accounted for.</summary>
[Checklist("CL7")]
public sealed class UsageTests
{
    [Theory]
    [InlineData(false, 19, 1, 20)]
    [InlineData(true, 19, 2, 21)]
    public async Task Usage_is_read_from_the_response_and_the_final_stream_chunk(bool streaming, int prompt, int completion, int total)
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming, withFallback: false);

        run.Result.Usage.Should().NotBeNull();
        (run.Result.Usage!.PromptTokens, run.Result.Usage.CompletionTokens, run.Result.Usage.TotalTokens)
            .Should().Be((prompt, completion, total));
    }

    [Fact]
    public async Task The_usage_chunk_is_requested_when_streaming()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: true, withFallback: false);

        var body = run.World.Primary.LogEntries.Single().RequestMessage!.Body!;
        body.Should().Contain("\"stream\":true").And.Contain("\"stream_options\":{\"include_usage\":true}");
    }

    [Theory]
    [InlineData("retry-then-success", 2)]
    [InlineData("slow-headers", 2)]
    [InlineData("server-500", 2)]
    [InlineData("bad-request-400", 1)]
    public async Task Every_attempt_is_recorded_with_timestamp_duration_status_and_retry_index(string scenario, int attempts)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming: false, withFallback: false);

        run.Result.Attempts.Should().HaveCount(attempts).And.HaveCount(await run.World.SettledPrimaryAttemptsAsync(attempts), "one record per request the provider saw");
        run.Result.Attempts.Select(a => a.RetryIndex).Should().Equal(Enumerable.Range(0, attempts));
        run.Result.Attempts.Should().BeInAscendingOrder(a => a.StartedAt);
        run.Result.Attempts.Should().AllSatisfy(a =>
        {
            a.StartedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            a.Duration.Should().BePositive();
        });
    }

    [Fact]
    public async Task A_cut_stream_keeps_the_partial_text_and_its_class_for_reconciliation()
    {
        using var run = await ScenarioRun.ExecuteAsync("stream-cut", streaming: true, withFallback: false);

        run.Result.Class.Should().Be(FailureClass.StreamTruncated);
        run.Result.Text.Should().Be(string.Concat(run.Deltas));
        run.Result.Attempts.Single().Note.Should().Be("connection lost mid-stream");
    }
}
