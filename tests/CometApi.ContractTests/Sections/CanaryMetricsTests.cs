using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;

namespace CometApi.ContractTests.Sections;

/// <summary>CANARY: the instruments a canary dashboard needs, with the tags it slices by.</summary>
[Checklist("CANARY")]
public sealed class CanaryMetricsTests
{
    [Fact]
    public async Task Calls_are_counted_by_endpoint_model_and_class_with_token_usage()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["success-pong"], false, FixtureCatalog.Default.Root);
        var client = world.CreateClient();
        using var metrics = new MetricsCapture(client.Meter);

        await client.CompleteAsync(LeakMarkers.PongRequest());
        await client.CompleteAsync(LeakMarkers.PongRequest());

        metrics.Sum("cometapi.client.calls", ("error.type", "success"), ("gen_ai.request.model", "gpt-5.4-mini"), ("server.address", world.ChatEndpoint)).Should().Be(2);
        metrics.Sum("gen_ai.client.token.usage", ("gen_ai.token.type", "input")).Should().Be(38);
        metrics.Sum("gen_ai.client.token.usage", ("gen_ai.token.type", "output")).Should().Be(2);
        metrics.Of("gen_ai.client.operation.duration").Should().HaveCount(2);
    }

    [Fact]
    public async Task Retries_timeouts_and_fallbacks_are_counted_with_their_reason()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["slow-headers"], false, FixtureCatalog.Default.Root);
        world.StartFallback(s => ScenarioSimulator.Mount(s, FixtureCatalog.Default["success-pong"], false, FixtureCatalog.Default.Root));
        var clock = new StallClock();
        var watch = world.WatchResponses();
        var client = world.CreateClient(SimulationTiming.Virtual, time: clock);
        using var metrics = new MetricsCapture(client.Meter);

        // slow-headers holds back its headers: each attempt stalls from the moment it arrives, and times out in virtual time.
        var result = await StallDriver.DriveAsync(client.CompleteAsync(LeakMarkers.PongRequest()), clock, watch,
            world.HeldHeadersStallAsync);

        result.FallbackUsed.Should().BeTrue();
        metrics.Sum("cometapi.client.timeouts").Should().Be(2);
        metrics.Sum("cometapi.client.retries", ("error.type", "timeout")).Should().Be(1);
        metrics.Sum("cometapi.client.fallbacks", ("cometapi.fallback.reason", "timeout")).Should().Be(1);
        metrics.Sum("cometapi.client.attempts").Should().Be(3, "the metrics add up to the attempts");
    }

    [Theory]
    [InlineData("bad-request-400", "4xx")]
    [InlineData("server-500", "5xx")]
    [InlineData("unknown-shape-200", "2xx")]
    public async Task Attempts_are_split_by_status_family_and_unknown_shapes_counted(string scenario, string family)
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default[scenario], false, FixtureCatalog.Default.Root);
        var client = world.CreateClient();
        using var metrics = new MetricsCapture(client.Meter);

        var result = await client.CompleteAsync(LeakMarkers.PongRequest());

        metrics.Sum("cometapi.client.attempts", ("http.response.status_family", family)).Should().Be(world.PrimaryAttempts);
        metrics.Sum("cometapi.client.unknown_shapes").Should().Be(result.Class == FailureClass.UnknownShape ? 1 : 0);
    }
}
