using CometApi.Simulation.Standalone;

namespace CometApi.ContractTests.Simulator;

/// <summary>One standalone simulator on a free loopback port, shared by a test class (its tests run one after another).</summary>
public sealed class SimulatorFixture : IDisposable
{
    public StandaloneSimulator Simulator { get; } = StandaloneSimulator.Start(new SimulatorOptions { Port = 0 });

    public void Dispose() => Simulator.Dispose();
}
