using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using WireMock.RequestBuilders;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4, the streaming contract: complete fixture streams keep every rule of <see cref="StreamContract"/> (the client
/// always sets include_usage), broken ones are caught naming the rule, each rule can fail on its own, and the client
/// hands the first delta to the caller while the stream is still being written.
/// </summary>
[Checklist("CL4")]
public sealed class StreamContractTests
{
    private static readonly HashSet<string> CompleteClasses = [.. new[] { FailureClass.Success, FailureClass.Refusal, FailureClass.ContentFilter, FailureClass.EmptyOutput }.Select(c => c.WireName())];

    private static FixtureCatalog Catalog => FixtureCatalog.Default;

    public static TheoryData<string> CompleteStreams() => Streams(complete: true);

    public static TheoryData<string> BrokenStreams() => Streams(complete: false);

    [Theory]
    [MemberData(nameof(CompleteStreams))]
    public void A_complete_fixture_stream_keeps_the_streaming_contract(string scenario)
    {
        StreamContract.Violations(EventsOf(scenario), includeUsage: true).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BrokenStreams))]
    public void A_broken_fixture_stream_breaks_the_streaming_contract(string scenario)
    {
        StreamContract.Violations(EventsOf(scenario), includeUsage: true).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("stream-no-done", "no finish_reason", "no [DONE]")]
    [InlineData("stream-cut", "no finish_reason", "no [DONE]")]
    [InlineData("stream-stall", "no finish_reason", "no [DONE]")]
    [InlineData("stream-error-frame", "event 3 is an error frame, not content", "no [DONE]")]
    public void A_broken_fixture_stream_is_caught_naming_the_rule(string scenario, string first, string second)
    {
        StreamContract.Violations(EventsOf(scenario), includeUsage: true).Should().Contain([first, second]);
    }

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"po"},"finish_reason":null}]}|ROLE|FINISH|USAGE|[DONE]""", "event 1: a delta comes before the assistant role")]
    [InlineData("""ROLE|FINISH|FINISH|USAGE|[DONE]""", "finish_reason 2 times")]
    [InlineData("""ROLE|FINISH|{"choices":[{"index":0,"delta":{"content":"late"},"finish_reason":null}]}|USAGE|[DONE]""", "event 3: a delta comes after the finish_reason")]
    [InlineData("""ROLE|FINISH|[DONE]""", "no usage chunk (choices: []) although stream_options.include_usage was set")]
    [InlineData("""ROLE|USAGE|FINISH|[DONE]""", "event 2: the usage chunk comes before the finish_reason")]
    [InlineData("""ROLE|FINISH|USAGE|[DONE]|USAGE""", "event 5 comes after [DONE]")]
    [InlineData("""ROLE|{"choices":[{"index":0,"delta":{"role":"user"}}]}|FINISH|USAGE|[DONE]""", "event 2 breaks the chunk schema: $.choices[0].delta.role: NotInEnumeration")]
    [InlineData("""ROLE|{"choices":[{"index":0,"delta":{"content":"po"}""", "event 2 breaks the chunk schema: $: not valid JSON")]
    public void Each_rule_of_the_streaming_contract_can_fail_on_its_own(string stream, string violation)
    {
        var events = stream.Split('|').Select(e => e switch
        {
            "ROLE" => """{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            "FINISH" => """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            "USAGE" => """{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""",
            _ => e,
        }).ToList();

        StreamContract.Violations(events, includeUsage: true).Should().Contain(violation);
    }

    [Fact]
    public void Without_include_usage_a_stream_needs_no_usage_chunk()
    {
        var events = SseEvents.DataOf(File.ReadAllText(Catalog.PathOf("streams/stream-no-done.sse")))
            .Append("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""").Append(SseEvents.Done).ToList();

        StreamContract.Violations(events, includeUsage: false).Should().BeEmpty();
    }

    [Fact]
    public async Task The_first_delta_reaches_the_caller_while_the_stream_is_still_being_written()
    {
        using var world = new SimulatedCometApi();
        // The role and "po" events, then the rest held back until the test lets it go: a client that buffered the
        // stream would wait for ever (and hit the guard below) instead of handing "po" over.
        var responder = new HeldSseResponder(File.ReadAllText(Catalog.PathOf("streams/success-pong.sse")), heldAfter: 2);
        world.Primary.Given(Request.Create().WithPath(ScenarioSimulator.ChatCompletionsPath).UsingPost()).RespondWith(responder);
        var client = world.CreateClient();
        using var hung = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // a guard, never the verdict
        bool? heldAtFirstDelta = null;
        ChatStreamEvent? final = null;

        await foreach (var e in client.StreamAsync(LeakMarkers.PongRequest(), hung.Token))
        {
            if (e.Content is not null && heldAtFirstDelta is null)
            {
                heldAtFirstDelta = !responder.Released;
                responder.Release();
            }

            final = e.IsFinal ? e : final;
        }

        heldAtFirstDelta.Should().BeTrue("the first delta reached the caller while the rest of the stream was not yet written");
        final!.Result!.Class.Should().Be(FailureClass.Success);
        final.Result.Text.Should().Be("pong");
        world.PrimaryAttempts.Should().Be(1);
    }

    private static IReadOnlyList<string> EventsOf(string scenario) =>
        SseEvents.DataOf(FixtureResponses.FinalOf(Catalog[scenario], streaming: true, Catalog.Root)!.Body!);

    private static TheoryData<string> Streams(bool complete)
    {
        var data = new TheoryData<string>();
        foreach (var scenario in Catalog.Scenarios.Where(s => s.Supports(streaming: true)))
        {
            if (FixtureResponses.FinalOf(scenario, true, Catalog.Root) is not { IsEventStream: true }) continue;
            if (CompleteClasses.Contains(scenario.ExpectFor(true).Class) == complete) data.Add(scenario.Name);
        }

        return data;
    }
}
