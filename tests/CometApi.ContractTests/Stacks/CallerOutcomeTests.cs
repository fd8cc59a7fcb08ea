using System.Net;

namespace CometApi.ContractTests.Stacks;

/// <summary>How the matrix reads a caller's outcome as a failure class, for stacks that do not classify.</summary>
public sealed class CallerOutcomeTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "Rate limit reached", "rate_limited")]
    [InlineData(HttpStatusCode.TooManyRequests, "You exceeded your current quota (insufficient_quota)", "quota_exhausted")]
    [InlineData(HttpStatusCode.InternalServerError, "upstream error", "server_error")]
    [InlineData(HttpStatusCode.InternalServerError, "comet_api_error: invalid_request", "invalid_request")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "model_not_found: no available channel", "configuration")]
    [InlineData(HttpStatusCode.Unauthorized, "invalid key", "authentication")]
    [InlineData(HttpStatusCode.MovedPermanently, "moved", "configuration")]
    public void A_status_and_the_error_code_in_the_message_decide(HttpStatusCode status, string message, string expected) =>
        CallerOutcome.ClassOf(new StackOutcome { Exception = new HttpRequestException(message, null, status) }).Should().Be(expected);

    [Fact]
    public void Exceptions_without_a_status_read_as_transport_timeout_shape_or_truncation()
    {
        CallerOutcome.ClassOf(new StackOutcome { Exception = new IOException("reset") }).Should().Be("transport_failure");
        CallerOutcome.ClassOf(new StackOutcome { Exception = new AggregateException(new IOException("reset"), new TaskCanceledException()) })
            .Should().Be("timeout", "the last try decides, as the caller sees it last");
        CallerOutcome.ClassOf(new StackOutcome { Exception = new System.Text.Json.JsonException("bad") }).Should().Be("unknown_shape");
        CallerOutcome.ClassOf(new StackOutcome { Exception = new IncompleteStreamException() }).Should().Be("stream_truncated");
        CallerOutcome.SurfacedIncomplete(new StackOutcome { Exception = new IOException("cut") }).Should().BeTrue();
    }

    [Fact]
    public void Answers_read_as_success_refusal_filter_or_empty()
    {
        CallerOutcome.ClassOf(new StackOutcome { Text = "pong", FinishReason = "stop" }).Should().Be("success");
        CallerOutcome.ClassOf(new StackOutcome { Text = "", Refusal = "I can't" }).Should().Be("refusal");
        CallerOutcome.ClassOf(new StackOutcome { Text = "", FinishReason = "content_filter" }).Should().Be("content_filter");
        CallerOutcome.ClassOf(new StackOutcome { Text = "" }).Should().Be("empty_output");
        CallerOutcome.SurfacedIncomplete(new StackOutcome { Text = "po" }).Should().BeFalse("a silent end is not surfaced");
    }
}
