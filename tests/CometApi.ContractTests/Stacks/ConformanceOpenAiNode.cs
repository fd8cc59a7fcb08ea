using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Simulation.Stacks;
using CometApi.Simulation.Standalone;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// The official <c>openai</c> npm client on its defaults, run by a Node script against the standalone simulator
/// (<c>/scenarios/&lt;name&gt;/v1</c>) for every scenario in both modes, compared with its reviewed recording
/// <c>contracts/clients/openai-node.json</c> through the same <see cref="ConformanceFile"/> as the .NET stacks.
/// Attempts are what the simulator's admin route counted; each mode has its own simulator, so the per-scenario
/// counts of one mode are not mixed with the other's.
/// </summary>
[StartsFirst]
public sealed class ConformanceOpenAiNode
{
    public const string StackName = "openai-node";

    public const string Method =
        "One Node process (.ci/tools/openai-node-conformance.mjs) runs every case concurrently, one call per case with the SDK's " +
        "default options (no option changed: maxRetries 2, its own backoff, 10 min timeout) against the standalone simulator's " +
        "/scenarios/<name>/v1, one simulator per mode; attempts = the simulator's per-scenario count (GET /__simulator/scenarios). " +
        "Retry waits are real and observed, not changed: delays are the waits the SDK's sleep was asked for. A caller's AbortSignal " +
        "is the watchdog: 4 s for the scenarios whose class is timeout, 15 s for the rest, and 1 s after the simulator said a " +
        "case's stall began (the SDK's only timer, 10 min, cannot end a stall sooner); a case it had to stop is 'hung'. " +
        "Node errors are read as failure classes by the .NET stacks' rules (status and error code; connection error or a cut " +
        "stream: transport_failure; an error frame inside a 200 stream, a bare APIError: server_error). " +
        "fetch follows redirects; the one redirect off the machine (redirect-301-html, to https://www.cometapi.com/) is answered " +
        "by the script with a stand-in 200 text/html page, so the run stays offline. " +
        "withinDeadline: ended before the watchdog and within 30 s (scaled cases: the 4 s watchdog).";

    private const string Model = "gpt-5.4-mini";

    [OfflineFact]
    [Checklist("CL5", "CL6")]
    public async Task Conforms_to_its_reviewed_recording()
    {
        await NodeSdkRun.EnsurePackagesAsync();
        if (NodeSdkRun.Missing() is { } missing) Assert.Fail("The Node conformance test cannot run: " + missing);
        using var json = StandaloneSimulator.Start(new SimulatorOptions { Port = 0 });
        using var stream = StandaloneSimulator.Start(new SimulatorOptions { Port = 0 });
        await WarmUpAsync(json, stream);
        var cases = StackMatrix.AllCases();
        var inputs = cases.Select(c => new NodeCaseInput(
            Id(c.Scenario, c.Streaming),
            (c.Streaming ? stream : json).BaseUrlOf(c.Scenario.Name),
            LeakMarkers.NewApiKey(),
            Model,
            c.Streaming,
            (int)(IsScaled(c.Scenario, c.Streaming) ? StackMatrix.ScaledWatchdog : StackMatrix.ProductionWatchdog).TotalMilliseconds)).ToList();

        var stops = cases.Where(c => IsScaled(c.Scenario, c.Streaming))
            .Select(c => StopOnStallAsync((c.Streaming ? stream : json).Stalls(c.Scenario.Name), Id(c.Scenario, c.Streaming)));

        var run = await NodeSdkRun.RunAsync(new NodeRunInput(LeakMarkers.PongRequest().Messages[0].Content!, inputs), TimeSpan.FromSeconds(90), stops);
        NodeSdkRun.KeepForReview(StackName, run);

        run.Cases.Select(r => r.Id).Should().BeEquivalentTo(inputs.Select(i => i.Id), "the script answers every case it was given");
        var (jsonCounts, streamCounts) = (await CountsAsync(json), await CountsAsync(stream));
        var results = run.Cases.ToDictionary(r => r.Id);
        var recording = new StackRecording
        {
            Stack = StackName,
            Description = $"The official openai npm client ({run.Sdk}) on Node with its default options: maxRetries 2, backoff 0.5 s x 2^n " +
                "minus up to 25 % jitter, Retry-After / retry-after-ms honoured up to 60 s, 10 min timeout, no overall deadline.",
            Method = Method,
            Cases = FixtureCatalog.Default.Cases().Select(c => NodeOutcome.ToCase(
                results[Id(c.Scenario, c.Streaming)],
                c.Scenario,
                c.Streaming,
                (c.Streaming ? streamCounts : jsonCounts).GetValueOrDefault(c.Scenario.Name),
                IsScaled(c.Scenario, c.Streaming) ? StackMatrix.ScaledWatchdog : StackTiming.Production.Deadline)).ToList(),
        };

        recording.Cases.Should().HaveCount(FixtureCatalog.Default.Cases().Count(), "every scenario in every mode it has");
        recording.Cases.Should().OnlyContain(c => c.Attempts >= 1, "every case reached its simulator");
        ConformanceFile.ShouldMatchCommitted(recording);
    }

    /// <summary>
    /// The SDK's only timer is its 10 min timeout, far past the 4 s watchdog: once its request stalls it can only wait.
    /// As for the .NET stacks on such defaults (<see cref="StackMatrix.StalledGrace"/>), its watchdog fires 1 s after
    /// the simulator says the stall began, not 4 s after the call started.
    /// </summary>
    private static async Task<string> StopOnStallAsync(StallSignals stalls, string id)
    {
        await stalls.WhenStalledAsync(1);
        await Task.Delay(StackMatrix.StalledGrace);
        return id;
    }

    private static string Id(Scenario scenario, bool streaming) => $"{scenario.Name} {StackMatrix.Mode(streaming)}";

    private static bool IsScaled(Scenario scenario, bool streaming) => scenario.ExpectFor(streaming).Class == "timeout";

    /// <summary>
    /// The first requests to a fresh simulator pay for JIT and WireMock's first matching; with every case in flight at
    /// once that would be measured as the SDK's time (slow-headers' 2 s against the 4 s watchdog). The counts are reset
    /// afterwards. (The stalling responders hold pool threads: the pool starts with enough, see TestProcessThreads.)
    /// </summary>
    private static async Task WarmUpAsync(params StandaloneSimulator[] simulators)
    {
        using var http = new HttpClient();
        foreach (var simulator in simulators)
        {
            foreach (var (scenario, streaming) in new[] { ("success-pong", false), ("success-pong", true), ("server-500", false), ("bad-request-400", true) })
            {
                using var body = JsonContent.Create(new { model = Model, stream = streaming, messages = new[] { new { role = "user", content = "warm-up" } } });
                using var answer = await http.PostAsync(simulator.BaseUrlOf(scenario) + "/chat/completions", body);
                await answer.Content.ReadAsStringAsync();
            }

            simulator.ResetAll();
        }
    }

    /// <summary>The per-scenario request counts as a team reads them: the simulator's admin route.</summary>
    private static async Task<Dictionary<string, int>> CountsAsync(StandaloneSimulator simulator)
    {
        using var http = new HttpClient();
        var listing = await http.GetFromJsonAsync<JsonObject>(simulator.Url + "/__simulator/scenarios");
        return listing!["scenarios"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (int)s!["requests"]!);
    }
}
