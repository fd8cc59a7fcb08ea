using System.Text.Json;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;

using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Sections;

/// <summary>PONG: the checklist's sanitized validation example, against the simulator.</summary>
[Checklist("PONG")]
public sealed class PongTests
{
    public static TheoryData<string, bool> Scenarios => ScenarioCases.Tagged("PONG");

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Pong_answers_exactly_pong_with_a_request_id_and_usage(string scenario, bool streaming)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: false);

        await run.ShouldMatchExpectationAsync("PONG");
        run.Result.Text.Should().Be("pong");
        run.Result.Metadata.StatusCode.Should().Be(200);
        run.Result.Metadata.Headers["content-type"].Should().StartWith(streaming ? "text/event-stream" : "application/json");
        run.Result.RequestId.Should().NotBeNullOrEmpty();
        run.Result.Usage.Should().NotBeNull();
        run.Result.Usage!.TotalTokens.Should().BePositive();
    }

    [ScenarioFact("success-pong")]
    public async Task Pong_is_sent_with_temperature_0_stream_false_and_a_small_token_cap()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: false, withFallback: false);

        using var sent = JsonDocument.Parse(run.World.PrimaryArrivals.Requests.Single().Body);
        sent.RootElement.GetProperty("temperature").GetDouble().Should().Be(0);
        sent.RootElement.GetProperty("stream").GetBoolean().Should().BeFalse();
        sent.RootElement.GetProperty("max_tokens").GetInt32().Should().BeLessThanOrEqualTo(16);
        sent.RootElement.GetProperty("messages")[0].GetProperty("content").GetString().Should().StartWith("Return the word pong and no other text.");
    }

    [ScenarioFact("success-pong")]
    public async Task Content_logging_is_off_by_default_and_an_explicit_opt_in()
    {
        using var quiet = await ScenarioRun.ExecuteAsync("success-pong", streaming: false, withFallback: false);
        quiet.World.Logs.AllText.Should().NotContain(LeakMarkers.PromptMarker).And.NotContain("pong\"");

        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["success-pong"], false, FixtureCatalog.Default.Root);
        var result = await world.CreateClient(configure: o => o.LogContent = true).CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.Success);
        world.Logs.AllText.Should().Contain(LeakMarkers.PromptMarker, "the operator opted in").And.NotContain(world.ApiKey);
    }

    [LiveFact]
    public Task Live_pong_answers_exactly_pong_at_temperature_0_without_streaming() =>
        LiveCheckReport.ReportAsync("PONG.exact-output");
}
