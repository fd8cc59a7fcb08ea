using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using WireMock.RequestBuilders;
using Xunit.Abstractions;

namespace CometApi.ContractTests.Robustness;

/// <summary>
/// CL5 under load: 500 concurrent calls against a provider that fails a fifth of its requests (500, 503, connection
/// resets, answers that stall past the attempt timeout, in virtual time; fixtures/load/fault-mix.json, by arrival
/// number): every call ends classified, attempts stay within one retry, nothing retries that did not fail, and the
/// ledger, WireMock's request log and the canary metrics all count the same attempts. Not in RunsAlone: every number
/// it checks is a count of its own server, client and meter, which no other test's traffic reaches, and its timers
/// are virtual, so it runs alongside the rest instead of after it.
/// </summary>
[Checklist("CL5")]
public sealed class ConcurrentFaultLoadTests(ITestOutputHelper output)
{
    private const int Calls = 500;
    private const int MaxRetries = 1;

    /// <summary>
    /// In virtual time (<see cref="StallClock"/>): a stalled answer costs one attempt timeout; the deadline leaves room
    /// for a retry and a fallback; no backoff (a backoff timer would wait for a clock nobody moves).
    /// </summary>
    private static readonly SimulationTiming UnderLoad = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.Zero);

    private static readonly FailureClass[] FaultClasses = [FailureClass.ServerError, FailureClass.TransportFailure, FailureClass.Timeout];

    [Fact]
    [Checklist("CANARY")]
    public async Task Five_hundred_concurrent_calls_with_a_fifth_faulted_stay_within_one_retry_and_every_count_agrees()
    {
        using var world = new SimulatedCometApi();
        var provider = new FaultMixResponder(FaultMix.Default, world.Stalls);
        world.Primary.Given(Request.Create().WithPath(ScenarioSimulator.ChatCompletionsPath).UsingPost()).RespondWith(provider);
        world.StartFallback(s => ScenarioSimulator.Mount(s, FixtureCatalog.Default["success-pong"], false, FixtureCatalog.Default.Root));
        var clock = new StallClock();
        var client = world.CreateClient(UnderLoad, o => o.Retry.MaxRetries = MaxRetries, time: clock);
        using var metrics = new MetricsCapture(client.Meter);

        // The stalled answers time out in virtual time, once nothing else is left in flight.
        var calls = Enumerable.Range(0, Calls).Select(_ => client.CompleteAsync(LeakMarkers.PongRequest())).ToList();
        await StallDriver.DriveAllAsync(calls, clock, world.Stalls);
        var results = await Task.WhenAll(calls);

        var attempts = results.SelectMany(r => r.Attempts).ToList();
        var primary = attempts.Where(a => a.Provider == "cometapi").ToList();
        var fallback = attempts.Where(a => a.Provider == "fallback").ToList();
        var retries = attempts.Count(a => a.RetryIndex > 0);
        output.WriteLine($"{Calls} calls: {new Tally().AddAll(results.Select(Outcome))}");
        output.WriteLine($"attempts: {attempts.Count} ({primary.Count} primary, {fallback.Count} fallback), retries: {retries}, fallbacks: {results.Count(r => r.FallbackUsed)}");
        output.WriteLine($"provider served {provider.Served(LoadFault.None)} good answers and {provider.FaultsServed} faults: " +
            string.Join(", ", Enum.GetValues<LoadFault>().Skip(1).Select(f => $"{f} x{provider.Served(f)}")));

        // Every call ends in a success (the primary's or the fallback's) or a classified provider failure.
        results.Should().OnlyContain(r => r.IsSuccess || FaultClasses.Contains(r.Class));
        results.Where(r => r.FallbackUsed).Should().OnlyContain(r => r.AnsweredBy == "fallback" && FaultClasses.Contains(r.FallbackReason!.Value));

        // The retry budget holds per call and in total: no storm.
        results.Should().OnlyContain(r => r.Attempts.Count(a => a.Provider == "cometapi") <= 1 + MaxRetries
            && r.Attempts.Count(a => a.Provider == "fallback") <= 1 + MaxRetries);
        primary.Count.Should().BeLessThanOrEqualTo(Calls * (1 + MaxRetries));

        // Only the faulted share is retried: a retry always follows a failed attempt, and every attempt that failed
        // was a fault the provider served (nothing healthy timed out and got retried on top).
        results.Should().OnlyContain(r => r.Attempts.Zip(r.Attempts.Skip(1)).All(p => p.Second.RetryIndex == 0 || !p.First.Class.Equals(FailureClass.Success)));
        primary.Count(a => a.Class != FailureClass.Success).Should().Be(provider.FaultsServed, "every failed attempt is one the provider faulted");
        retries.Should().BeLessThanOrEqualTo(provider.FaultsServed);
        primary.Count(a => a.RetryIndex == 0).Should().Be(Calls);
        provider.FaultsServed.Should().BeInRange(Calls / FaultMix.Default.FaultEvery, primary.Count / FaultMix.Default.FaultEvery + 1, "a fifth of the requests fail, by count");

        // One ledger row per attempt, and as many attempts as the provider received.
        world.Ledger.Rows.Should().HaveCount(attempts.Count);
        world.PrimaryAttempts.Should().Be(primary.Count, "the client made no attempt it did not record");
        world.FallbackAttempts.Should().Be(fallback.Count);
        foreach (var call in world.Ledger.Rows.GroupBy(r => (r.CallId, r.Provider)))
            call.Select(r => r.RetryIndex).Should().BeEquivalentTo(Enumerable.Range(0, call.Count()), "a call's attempts at one provider are numbered 0, 1, ... once each");

        // The canary metrics add up to the ledger.
        metrics.Sum("cometapi.client.attempts").Should().Be(world.Ledger.Rows.Count);
        foreach (var cls in world.Ledger.Rows.GroupBy(r => r.Class))
            metrics.Sum("cometapi.client.attempts", ("error.type", cls.Key.WireName())).Should().Be(cls.Count());
        metrics.Sum("cometapi.client.retries").Should().Be(retries);
        metrics.Sum("cometapi.client.timeouts").Should().Be(world.Ledger.Rows.Count(r => r.Class == FailureClass.Timeout));
        metrics.Sum("cometapi.client.fallbacks").Should().Be(results.Count(r => r.FallbackUsed));
        metrics.Sum("cometapi.client.calls").Should().Be(Calls);
        foreach (var cls in results.GroupBy(r => r.Class))
            metrics.Sum("cometapi.client.calls", ("error.type", cls.Key.WireName())).Should().Be(cls.Count());
        world.ShouldNotHaveLoggedSecrets();
    }

    private static string Outcome(ChatResult r) => r.FallbackUsed ? $"fallback after {r.FallbackReason!.Value.WireName()}" : r.Class.WireName();
}
