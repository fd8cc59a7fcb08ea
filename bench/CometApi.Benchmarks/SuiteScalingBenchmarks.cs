using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Simulation;

namespace CometApi.Benchmarks;

/// <summary>
/// The offline suite's own cost as the number of failure classes grows: every catalog case (scenario x mode) of the
/// first N classes of contracts/failure-policy.json, run one after another through <see cref="ScenarioRun"/> with
/// a fallback configured and checked with every assertion the scenario tests make. Whole runs, so the job is
/// BenchmarkDotNet's Monitoring strategy (no unrolling, a few iterations).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SuiteScalingBenchmarks
{
    /// <summary>Policy classes in file order that have at least one simulated case ("cancelled" has none: the caller makes it).</summary>
    public static IReadOnlyList<string> SimulatedClasses { get; } = TestContracts.Policy.Document.Classes
        .Select(c => c.Class)
        .Where(c => Cases(c).Any())
        .ToList();

    [Benchmark(Baseline = true, Description = "1 class")]
    public Task OneClass() => RunAsync(1);

    [Benchmark(Description = "4 classes")]
    public Task FourClasses() => RunAsync(4);

    [Benchmark(Description = "8 classes")]
    public Task EightClasses() => RunAsync(8);

    [Benchmark(Description = "every simulated class")]
    public Task AllClasses() => RunAsync(SimulatedClasses.Count);

    /// <summary>How many scenario runs N classes make (printed in the README next to the table).</summary>
    public static int RunsFor(int classes) => SimulatedClasses.Take(classes).Sum(c => Cases(c).Count());

    private static async Task RunAsync(int classes)
    {
        foreach (var cls in SimulatedClasses.Take(classes))
        {
            foreach (var (scenario, streaming) in Cases(cls))
            {
                using var run = await ScenarioRun.ExecuteAsync(scenario.Name, streaming, withFallback: true).ConfigureAwait(false);
                await run.ShouldMatchExpectationAsync().ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<(Scenario Scenario, bool Streaming)> Cases(string cls) =>
        FixtureCatalog.Default.Cases().Where(c => c.Scenario.ExpectFor(c.Streaming).Class == cls);
}
