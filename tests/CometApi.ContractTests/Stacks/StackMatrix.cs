using System.Diagnostics;
using CometApi.ContractTests.Infrastructure;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// Runs a stack through every catalog scenario in both modes, each case against its own simulated CometAPI, all
/// cases concurrently, and records what the simulation and the caller saw.
/// </summary>
public static class StackMatrix
{
    /// <summary>
    /// Time a scaled (stalling) case may take before the stack counts as hung: the scaled deadline (1.8 s) plus slack for
    /// a loaded machine, and clear of slow-headers' 2 s, so a stack that simply waits for those headers ends in time.
    /// </summary>
    public static readonly TimeSpan ScaledWatchdog = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A stack whose own shortest timer outlasts <see cref="ScaledWatchdog"/> (the SDK's 100 s) can end a stalled call
    /// only by reacting to the bytes it already has: this long after the simulation says the stall began, it is hung
    /// (it would still be waiting when the watchdog fired). Under the 2 s of slow-headers, so it adds nothing to a run.
    /// </summary>
    public static readonly TimeSpan StalledGrace = TimeSpan.FromSeconds(1);

    /// <summary>Nothing else takes real seconds (retry waits are virtual or milliseconds): a case still running then is hung.</summary>
    public static readonly TimeSpan ProductionWatchdog = TimeSpan.FromSeconds(15);

    private const int Concurrency = 8;

    public const string Method =
        "Each case: a fresh WireMock server mounting the scenario (ScenarioSimulator.Mount), one PONG call through the stack, " +
        "attempts = requests the server logged. Retry waits of System.ClientModel stacks are virtual (ClientRetryPolicy.WaitAsync " +
        "overridden: the SDK's own ShouldRetry/GetNextDelay decide, the delay is recorded, no time passes); ours waits for real " +
        "(milliseconds). Scenarios whose class is timeout run with configurable timers scaled (deadline 1.8 s, attempt 400 ms, " +
        "backoff 15-60 ms) and a watchdog of 4 s; stacks on their defaults keep them and are 'hung' if still waiting then, or, when " +
        "their shortest own timer outlasts the watchdog (the SDK's 100 s), if still waiting 1 s after the simulation said the stall began. " +
        "withinDeadline: ended before the watchdog, and real time plus virtual waits within the deadline (30 s; scaled: the 4 s watchdog).";

    /// <summary>Every (scenario, streaming) the catalog has, the stalling ones first so they overlap the rest.</summary>
    public static IReadOnlyList<(Scenario Scenario, bool Streaming)> AllCases() =>
        FixtureCatalog.Default.Cases().OrderByDescending(c => IsScaled(c.Scenario, c.Streaming)).ToList();

    public static async Task<StackRecording> RecordAsync(IClientUnderTest stack, IEnumerable<(Scenario Scenario, bool Streaming)>? cases = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        SimulatorWarmup.Ensure();
        var selected = (cases ?? AllCases()).ToList();
        using var gate = new SemaphoreSlim(Concurrency);
        var records = await Task.WhenAll(selected.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                // Off xunit's two-thread synchronization context: the cases' continuations run on the thread pool.
                return await Task.Run(() => RunCaseAsync(stack, c.Scenario, c.Streaming));
            }
            finally
            {
                gate.Release();
            }
        }));

        var order = FixtureCatalog.Default.Cases().Select((c, i) => (Key: $"{c.Scenario.Name} {Mode(c.Streaming)}", i)).ToDictionary(p => p.Key, p => p.i);
        return new StackRecording
        {
            Stack = stack.Name,
            Description = stack.Description,
            Method = Method,
            Cases = records.OrderBy(r => order[r.Id]).ToList(),
        };
    }

    public static string Mode(bool streaming) => streaming ? StackCase.StreamMode : StackCase.JsonMode;

    private static bool IsScaled(Scenario scenario, bool streaming) => scenario.ExpectFor(streaming).Class == "timeout";

    private static async Task<StackCase> RunCaseAsync(IClientUnderTest stack, Scenario scenario, bool streaming)
    {
        using var log = new ArrivalLog();
        var server = log.Server;
        var stalls = new StallSignals();
        var expect = ScenarioSimulator.Mount(server, scenario, streaming, FixtureCatalog.Default.Root, stalls);
        var scaled = IsScaled(scenario, streaming);
        var timing = scaled ? StackTiming.Scaled : StackTiming.Production;
        var watchdogAfter = scaled ? ScaledWatchdog : ProductionWatchdog;
        var key = LeakMarkers.NewApiKey();
        var call = new StackCall(new Uri(server.Url + "/v1"), key, "gpt-5.4-mini", LeakMarkers.PongRequest().Messages[0].Content!, streaming, timing);

        using var watchdog = new CancellationTokenSource(watchdogAfter);
        var clock = Stopwatch.StartNew();
        var run = stack.RunAsync(call, watchdog.Token);
        var hungOnStall = scaled && CannotEndAStallBeforeTheWatchdog(stack) ? FireOnStallAsync(run, stalls, watchdog) : Task.CompletedTask;
        var ended = await Task.WhenAny(run, Task.Delay(watchdogAfter + TimeSpan.FromSeconds(2))) == run;
        await hungOnStall;
        var elapsed = clock.Elapsed;
        var hung = !ended || watchdog.IsCancellationRequested; // a stack that honoured the watchdog ends just after it fired
        var outcome = ended ? await run : new StackOutcome { Exception = new TimeoutException("the stack ignored the watchdog's cancellation") };
        var attempts = log.Arrivals;

        var waits = outcome.RequestedDelays;
        var virtualWait = outcome.DelaysWereVirtual && waits is { Count: > 0 } ? waits.Aggregate(TimeSpan.Zero, (a, b) => a + b) : (TimeSpan?)null;
        var limit = scaled ? ScaledWatchdog : timing.Deadline;
        var exceptionText = outcome.Exception?.ToString() ?? "";
        return new StackCase
        {
            Scenario = scenario.Name,
            Mode = Mode(streaming),
            Attempts = attempts.Count,
            Delays = waits is not null ? waits.Select(DelayBounds.Of).ToList() : MeasuredGaps(attempts),
            Outcome = hung ? StackCase.Hung : CallerOutcome.ClassOf(outcome),
            Surface = hung ? "no outcome before the watchdog" : CallerOutcome.SurfaceOf(outcome),
            VirtualWait = virtualWait is { } v ? DelayBounds.Of(v) : null,
            WithinDeadline = !hung && elapsed + (virtualWait ?? TimeSpan.Zero) <= limit,
            TruncationSurfaced = expect.Class == "stream_truncated" ? !hung && CallerOutcome.SurfacedIncomplete(outcome) : null,
            KeyInException = exceptionText.Contains(key, StringComparison.Ordinal),
        };
    }

    /// <summary>True when the stack keeps timers of its own and the shortest outlasts the scaled watchdog.</summary>
    public static bool CannotEndAStallBeforeTheWatchdog(IClientUnderTest stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.OwnShortestTimer is { } own && own > ScaledWatchdog;
    }

    /// <summary>Fires the watchdog <see cref="StalledGrace"/> after the first stall began, unless the call ended first.</summary>
    private static async Task FireOnStallAsync(Task run, StallSignals stalls, CancellationTokenSource watchdog)
    {
        if (await Task.WhenAny(run, stalls.WhenStalledAsync(1)) == run) return;
        if (await Task.WhenAny(run, Task.Delay(StalledGrace)) == run) return;
        await watchdog.CancelAsync();
    }

    private static List<string> MeasuredGaps(IReadOnlyList<DateTime> starts) =>
        starts.Zip(starts.Skip(1), (a, b) => "measured " + DelayBounds.Of(b - a)).ToList();
}
