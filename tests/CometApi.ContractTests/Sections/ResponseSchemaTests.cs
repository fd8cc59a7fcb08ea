using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// CL4: the parser accepts known-good shapes, tells refusal / content filter / empty output apart, rejects
/// malformed and unknown bodies safely as their own class, and keeps raw metadata for debugging.
/// </summary>
[Checklist("CL4")]
public sealed class ResponseSchemaTests
{
    public static TheoryData<string, bool> Scenarios => ScenarioCases.Tagged("CL4");

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_response_shape_ends_in_its_class(string scenario, bool streaming)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: false);

        await run.ShouldMatchExpectationAsync("CL4");
    }

    [Fact]
    public async Task Provider_extras_and_dated_model_names_are_tolerated()
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(
            """{"id":"x","object":"chat.completion","created":1,"model":"gpt-5.4-mini-2026-03-17","obfuscation":"zz","choices":[{"index":0,"message":{"role":"assistant","content":"pong","annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"prompt_tokens_details":{"cached_tokens":2},"latency_checkpoint":{"a":1}}}"""));

        var result = await world.CreateClient().CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.Success);
        result.Model.Should().Be("gpt-5.4-mini-2026-03-17");
        result.Usage!.PromptTokensDetails!.CachedTokens.Should().Be(2);
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":42},"finish_reason":"stop"}]}""", "content is a number")]
    [InlineData("""{"choices":{"index":0}}""", "choices is an object")]
    [InlineData("""{"choices":[]}""", "no choice at all")]
    [InlineData("""{"choices":[{"index":0,"finish_reason":"stop"}]}""", "no message")]
    [InlineData("""[1,2,3]""", "an array")]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":"pong"},"finish_reason":"stop"}]""", "cut short")]
    public async Task Malformed_bodies_are_unknown_shapes_with_the_sample_preserved_and_never_retried(string body, string because)
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithHeader("x-request-id", "req-bad").WithBody(body));

        var result = await world.CreateClient().CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.UnknownShape, because);
        world.PrimaryAttempts.Should().Be(1);
        result.Metadata.BodyExcerpt.Should().Be(body, "the sample is kept for the contract review");
        result.Metadata.RequestId.Should().Be("req-bad");
        result.Metadata.Headers.Should().ContainKey("content-type");
        result.OperatorAction.Should().Contain("Preserve the sample");
    }

    [Fact]
    public async Task A_body_larger_than_the_cap_is_an_unknown_shape_not_an_out_of_memory()
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody("{\"choices\":[\"" + new string('x', 20_000) + "\"]}"));

        var result = await world.CreateClient(configure: o => o.MaxResponseBytes = 4096).CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.UnknownShape);
        result.Attempts.Single().Rule.Should().Be("body that is not a chat completion");
    }
    [LiveFact]
    public Task Live_a_request_without_messages_is_refused_locally_and_by_the_provider() =>
        LiveCheckReport.ReportAsync("CL4.request.malformed-refused");

    [LiveFact]
    public Task Live_a_streamed_answer_delivers_deltas_and_a_finish_reason_as_an_event_stream() =>
        LiveCheckReport.ReportAsync("CL4.response.stream");
}
