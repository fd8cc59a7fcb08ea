using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Simulation.Standalone;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// What a team does with the standalone simulator: point its client at a scenario's base URL and read the attempts
/// from the admin route. The suite's own client (at most one retry, no fallback) must be seen making exactly the
/// attempts the catalog expects, and the class it reports must be the scenario's.
/// </summary>
public sealed class ClientRetriesAgainstSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("rate-limit-429-short", false)]
    [InlineData("server-500", true)]
    [InlineData("bad-request-400", false)]
    [InlineData("retry-then-success", false)]
    [InlineData("retry-then-success", true)]
    [InlineData("stream-cut", true)]
    public async Task The_admin_count_equals_the_attempts_the_client_made(string scenario, bool streaming)
    {
        var simulator = fixture.Simulator;
        simulator.Reset(scenario).Should().BeTrue();
        using var world = new StandaloneWorld(simulator.BaseUrlOf(scenario) + "/chat/completions");
        var expect = FixtureCatalog.Default[scenario].ExpectFor(streaming);

        var result = await world.CreateClient(SimulationTiming.Normal).CallAsync(streaming);

        simulator.Tally[scenario].Should().Be(expect.Attempts, "the simulator counts every attempt on arrival");
        result.Attempts.Should().HaveCount(expect.Attempts);
        result.Attempts[^1].Class.WireName().Should().Be(expect.Class);
    }

    private sealed class StandaloneWorld(string endpoint) : ClientWorld
    {
        public override string ChatEndpoint => endpoint;
    }
}
