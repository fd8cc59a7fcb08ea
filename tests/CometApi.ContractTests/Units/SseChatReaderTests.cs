using System.Net;
using System.Text;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Client;

namespace CometApi.ContractTests.Units;

/// <summary>
/// <see cref="SseChatReader"/>: deltas queued as they are parsed, what the stream said kept, and the signals it ends
/// with (complete only with a finish reason and [DONE]; an error frame, a malformed event or a text cap end it).
/// </summary>
public sealed class SseChatReaderTests
{
    private static string Delta(string content, string? finish = null) =>
        $"data: {{\"id\":\"c1\",\"model\":\"gpt-5.4-mini\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{content}\"}},\"finish_reason\":{(finish is null ? "null" : $"\"{finish}\"")}}}]}}\n\n";

    private const string Usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\n\n";
    private const string Done = "data: [DONE]\n\n";

    private static async Task<SseChatReader> ReadAllAsync(string sse, int maxTextChars = 1 << 20)
    {
        var reader = new SseChatReader(new HttpResponseMessage(HttpStatusCode.OK), new MemoryStream(Encoding.UTF8.GetBytes(sse)), new CancellationTokenSource(), maxTextChars);
        while (await reader.ReadNextAsync())
        {
        }

        return reader;
    }

    [Fact]
    public async Task A_complete_stream_queues_each_delta_and_ends_complete_with_its_usage()
    {
        await using var reader = await ReadAllAsync(Delta("PO") + Delta("NG", "stop") + Usage + Done);

        reader.Pending.Select(d => d.Content).Should().Equal("PO", "NG");
        reader.Content.Should().Be("PONG");
        reader.FinishReason.Should().Be("stop");
        reader.Model.Should().Be("gpt-5.4-mini");
        reader.Usage!.TotalTokens.Should().Be(9);
        reader.SawDone.Should().BeTrue();
        reader.Events.Should().Be(4);
        reader.BytesRead.Should().Be(Encoding.UTF8.GetByteCount(Delta("PO") + Delta("NG", "stop") + Usage + Done));
        reader.Signals(TransportCondition.None).Should().Be(new ResponseSignals
        {
            Status = 200, Body = BodyKind.Stream, Stream = StreamCondition.Complete, FinishReason = "stop",
        });
    }

    [Fact]
    public async Task A_stream_without_DONE_or_stopped_by_the_transport_is_truncated()
    {
        await using var noDone = await ReadAllAsync(Delta("PONG", "stop"));
        await using var stopped = await ReadAllAsync(Delta("PONG", "stop") + Done);

        noDone.Signals(TransportCondition.None).Stream.Should().Be(StreamCondition.Truncated);
        stopped.Signals(TransportCondition.Timeout).Stream.Should().Be(StreamCondition.Truncated, "a deadline is not a complete stream");
        stopped.Signals(TransportCondition.Timeout).Transport.Should().Be(TransportCondition.Timeout);
    }

    [Fact]
    public async Task A_DONE_without_a_finish_reason_is_truncated()
    {
        await using var reader = await ReadAllAsync(Delta("PO") + Done);

        reader.Signals(TransportCondition.None).Stream.Should().Be(StreamCondition.Truncated);
    }

    [Fact]
    public async Task An_error_frame_ends_the_stream_and_carries_its_code()
    {
        await using var reader = await ReadAllAsync(Delta("PO") + "data: {\"error\":{\"message\":\"upstream failed (request id: r1)\",\"type\":\"server_error\",\"code\":502}}\n\n" + Delta("NG"));

        reader.Ended.Should().BeTrue();
        reader.Content.Should().Be("PO", "nothing after the error frame is read");
        reader.ErrorFrame!.Message.Should().Contain("request id: r1");
        var signals = reader.Signals(TransportCondition.None);
        signals.Stream.Should().Be(StreamCondition.ErrorFrame);
        signals.ErrorCode.Should().Be("502");
        signals.ErrorType.Should().Be("server_error");
    }

    [Theory]
    [InlineData("data: {not json\n\n")]
    [InlineData("data: {\"choices\":[null]}\n\n")]
    [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":null}]}\n\n")]
    public async Task A_malformed_event_ends_the_stream_as_malformed(string bad)
    {
        await using var reader = await ReadAllAsync(Delta("PO") + bad + Delta("NG", "stop") + Done);

        reader.Malformed.Should().BeTrue();
        reader.Content.Should().Be("PO");
        reader.Signals(TransportCondition.None).Body.Should().Be(BodyKind.Malformed);
    }

    [Fact]
    public async Task Text_past_the_cap_cuts_the_stream()
    {
        await using var reader = await ReadAllAsync(Delta("12345") + Delta("67890") + Delta("more") + Done, maxTextChars: 8);

        reader.TextCapReached.Should().BeTrue();
        reader.Content.Should().Be("1234567890", "the delta that crossed the cap is kept, nothing after it");
        reader.SawDone.Should().BeFalse();
        reader.Signals(TransportCondition.None).Stream.Should().Be(StreamCondition.Truncated);
    }

    [Fact]
    public async Task Refusals_tool_calls_and_empty_content_set_their_signals()
    {
        await using var refusal = await ReadAllAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't\"},\"finish_reason\":\"stop\"}]}\n\n" + Done);
        await using var tools = await ReadAllAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]},\"finish_reason\":\"tool_calls\"}]}\n\n" + Done);
        await using var empty = await ReadAllAsync(Delta(" ", "stop") + Done);

        refusal.Signals(TransportCondition.None).Should().Match<ResponseSignals>(s => s.Refusal && s.EmptyContent);
        refusal.Pending.Should().ContainSingle().Which.Refusal.Should().Be("I can't");
        tools.Signals(TransportCondition.None).EmptyContent.Should().BeFalse("a tool call is an answer");
        empty.Signals(TransportCondition.None).EmptyContent.Should().BeTrue();
    }

    [Fact]
    public async Task Deltas_of_other_choices_are_ignored_and_the_summary_reads_like_a_completion()
    {
        await using var reader = await ReadAllAsync(
            "data: {\"model\":\"m\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},{\"index\":0,\"delta\":{\"content\":\"PONG\"},\"finish_reason\":\"stop\"}]}\n\n" + Usage + Done);

        reader.Content.Should().Be("PONG");
        var summary = reader.Summary();
        summary.Model.Should().Be("m");
        summary.Choices.Should().ContainSingle().Which.Message.Content.Should().Be("PONG");
        summary.Choices[0].FinishReason.Should().Be("stop");
        summary.Usage!.PromptTokens.Should().Be(7);
    }
}
