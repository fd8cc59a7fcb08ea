using System.Net.Http.Headers;
using System.Text;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Configuration;

namespace CometApi.ContractTests.Robustness;

/// <summary>
/// CL4 against a hostile provider: a body far larger than the cap, a stream that never ends (slowly or with huge
/// deltas), JSON nested 100,000 deep. Each ends in one classified result; the client reads no more of a body than its
/// cap, keeps no more of a stream's text than its cap, and is stopped by its deadline. Bodies are made up as they are
/// read (<see cref="RepeatingStream"/>), so the test itself never holds them.
/// </summary>
[Checklist("CL4")]
[StartsFirst]
public sealed class HostileBodyTests
{
    private const int DefaultCap = 4 * 1024 * 1024;
    private const long HundredMegabytes = 100L * 1024 * 1024;

    /// <summary>Hang detector only: each call here ends in milliseconds or at its own deadline.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(60);

    private static readonly byte[] RoleEvent = Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");

    [Theory]
    [InlineData(false, "chunked, no Content-Length")]
    [InlineData(true, "announced by Content-Length")]
    public async Task A_100_MB_body_is_an_unknown_shape_read_no_further_than_the_cap(bool announced, string how)
    {
        var body = new RepeatingStream("{\"choices\":[\""u8.ToArray(), "x"u8.ToArray(), HundredMegabytes);
        using var world = new InProcessCometApi(new InProcessHandler(_ =>
        {
            var response = InProcessHandler.Respond(body, "application/json");
            if (announced) response.Content.Headers.ContentLength = HundredMegabytes;
            return response;
        }));
        var client = world.CreateClient();

        var result = await client.CallAsync(streaming: false).WaitAsync(Hung);

        new CometApiOptions().MaxResponseBytes.Should().Be(DefaultCap, "the test runs with the default cap");
        result.Class.Should().Be(FailureClass.UnknownShape, how);
        result.Attempts.Should().ContainSingle().Which.Rule.Should().Be("body that is not a chat completion");
        body.BytesRead.Should().BeLessThanOrEqualTo(announced ? 0 : DefaultCap + 64 * 1024, "the client stops reading at the cap");
    }

    [Fact]
    public async Task An_endless_stream_is_stopped_by_a_tiny_deadline()
    {
        var deadline = TimeSpan.FromMilliseconds(200);
        var stream = new RepeatingStream(RoleEvent, Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"po\"}}]}\n\n"));
        using var world = new InProcessCometApi(new InProcessHandler(_ => InProcessHandler.Respond(stream, "text/event-stream")));
        var clock = new StallClock();
        var client = world.CreateClient(configure: o => (o.TotalTimeout, o.AttemptTimeout) = (deadline, deadline), time: clock);
        // The deadline passes (in virtual time) the moment the first delta reaches the caller: the stream is then
        // being read, and only the deadline can end it, however fast or slow the machine reads.
        var deltas = new System.Collections.ObjectModel.ObservableCollection<string>();
        deltas.CollectionChanged += (_, _) =>
        {
            if (deltas.Count == 1) clock.AdvanceToNextTimer();
        };

        var result = await client.CallAsync(streaming: true, deltas).WaitAsync(Hung);

        result.Class.Should().Be(FailureClass.Timeout, "the deadline ends a stream that does not");
        result.Attempts.Should().ContainSingle().Which.Note.Should().Contain("total deadline reached");
        deltas.Should().NotBeEmpty();
        result.Text!.Length.Should().BeLessThanOrEqualTo(DefaultCap + 2);
    }

    [Fact]
    public async Task An_endless_stream_of_huge_deltas_is_cut_at_the_cap_long_before_the_deadline()
    {
        var delta = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('x', 64 * 1024) + "\"}}]}\n\n";
        var stream = new RepeatingStream(RoleEvent, Encoding.UTF8.GetBytes(delta));
        using var world = new InProcessCometApi(new InProcessHandler(_ => InProcessHandler.Respond(stream, "text/event-stream")));
        var client = world.CreateClient(configure: o => (o.TotalTimeout, o.AttemptTimeout) = (TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)));

        var result = await client.CallAsync(streaming: true).WaitAsync(Hung);

        result.Class.Should().Be(FailureClass.StreamTruncated, "a stream cut by the client did not end");
        result.Attempts.Should().ContainSingle().Which.Note.Should().Contain("MaxResponseBytes");
        result.Text!.Length.Should().BeInRange(DefaultCap - 64 * 1024, DefaultCap + 64 * 1024, "the text stops at the cap");
        stream.BytesRead.Should().BeLessThan(2L * DefaultCap, "nothing past the cap is read");
    }

    [Theory]
    [InlineData(false, "{0}", "unknown_shape")]
    [InlineData(false, "{{\"choices\":{0}}}", "unknown_shape")]
    [InlineData(false, "{{\"error\":{0}}}", "unknown_shape")]
    [InlineData(true, "data: {0}\n\n", "stream_truncated")]
    [InlineData(true, "data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"po\"}}}}]}}\n\ndata: {{\"choices\":{0}}}\n\n", "stream_truncated")]
    public async Task Json_nested_100000_deep_is_classified_without_exhausting_the_stack(bool sse, string template, string expected)
    {
        const int depth = 100_000;
        var body = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, new string('[', depth) + new string(']', depth)));
        using var world = new InProcessCometApi(new InProcessHandler(_ => InProcessHandler.Respond(body, sse ? "text/event-stream" : "application/json")));

        var result = await world.CreateClient(SimulationTiming.Instant).CallAsync(streaming: sse).WaitAsync(Hung);

        result.Class.WireName().Should().Be(expected);
        result.Metadata.BodyExcerpt?.Length.Should().BeLessThanOrEqualTo(513, "a kept sample is capped");
    }
}
