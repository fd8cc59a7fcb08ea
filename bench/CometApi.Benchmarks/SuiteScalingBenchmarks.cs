using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CometApi.Simulation;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using WireMock.Server;

namespace CometApi.Benchmarks;

/// <summary>
/// The offline suite's own cost as the number of failure classes grows: every catalog case (scenario x mode) of the
/// first N classes of contracts/failure-policy.json, run one after another the way the scenario tests run them: a
/// fresh loopback simulator mounted from the catalog, a fallback simulator answering pong, the client with the
/// suite's policy sinks, and the scenario's class, attempts and fallback checked. Whole runs, so the job is
/// BenchmarkDotNet's Monitoring strategy (no unrolling, a few iterations).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SuiteScalingBenchmarks
{
    /// <summary>Policy classes in file order that have at least one simulated case ("cancelled" has none: the caller makes it).</summary>
    public static IReadOnlyList<string> SimulatedClasses { get; } = BenchInputs.Contracts.Policy.Document.Classes
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
                await RunOneAsync(scenario, streaming).ConfigureAwait(false);
        }
    }

    /// <summary>One scenario case as the tests run it (primary and fallback simulators, the default policy), checked on what the catalog expects.</summary>
    private static async Task RunOneAsync(Scenario scenario, bool streaming)
    {
        var catalog = FixtureCatalog.Default;
        using var primary = LoopbackServer.Start();
        using var fallback = LoopbackServer.Start();
        var expect = ScenarioSimulator.Mount(primary, scenario, streaming, catalog.Root);
        ScenarioSimulator.Mount(fallback, catalog["success-pong"], streaming, catalog.Root);
        using var sinks = new SuitePolicySinks();
        using var client = new CometApiChatClient(Options(primary, fallback, tight: expect.Class == FailureClass.Timeout.WireName()),
            BenchInputs.Contracts, loggerFactory: sinks.Loggers, ledger: sinks.Ledger);

        var result = await CallAsync(client, streaming).ConfigureAwait(false);

        var primaryAttempts = result.Attempts.Where(a => a.Provider == "cometapi").ToList();
        Expect.That(primaryAttempts.Count == expect.Attempts, $"{scenario.Name}: {expect.Attempts} primary attempt(s)");
        Expect.That(primaryAttempts[^1].Class.WireName() == expect.Class, $"{scenario.Name}: the primary ends in {expect.Class}");
        Expect.That(result.FallbackUsed == expect.Fallback, $"{scenario.Name}: fallback {(expect.Fallback ? "runs" : "does not run")}");
    }

    private static CometApiOptions Options(WireMockServer primary, WireMockServer fallback, bool tight) => new()
    {
        ApiKey = Contenders.ApiKey,
        ChatEndpoint = primary.Url + ScenarioSimulator.ChatCompletionsPath,
        Model = Contenders.Model,
        // The scenario tests' timings: stalls trip a tight attempt timeout; everything else gets cold-start headroom.
        AttemptTimeout = tight ? TimeSpan.FromMilliseconds(400) : TimeSpan.FromSeconds(5),
        TotalTimeout = tight ? TimeSpan.FromMilliseconds(1800) : TimeSpan.FromSeconds(10),
        Retry = new RetrySettings { MaxRetries = 1, BackoffMin = TimeSpan.FromMilliseconds(1), BackoffMax = TimeSpan.FromMilliseconds(5) },
        Fallback = new FallbackProviderOptions
        {
            Name = "fallback", ChatEndpoint = fallback.Url + ScenarioSimulator.ChatCompletionsPath, ApiKey = Contenders.ApiKey, Model = "fallback-model",
        },
    };

    private static async Task<ChatResult> CallAsync(CometApiChatClient client, bool streaming)
    {
        if (!streaming) return await client.CompleteAsync(BenchInputs.PongRequest()).ConfigureAwait(false);
        ChatResult? final = null;
        await foreach (var e in client.StreamAsync(BenchInputs.PongRequest()).ConfigureAwait(false)) final = e.Result ?? final;
        return final!;
    }

    private static IEnumerable<(Scenario Scenario, bool Streaming)> Cases(string cls) =>
        FixtureCatalog.Default.Cases().Where(c => c.Scenario.ExpectFor(c.Streaming).Class == cls);
}
