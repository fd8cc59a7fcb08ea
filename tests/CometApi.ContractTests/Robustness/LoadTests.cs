using System.Net;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using Xunit.Abstractions;

namespace CometApi.ContractTests.Robustness;

/// <summary>
/// CL5 under load, in the RunsAlone collection (no other test's allocations in the heap numbers); the 500
/// concurrent calls with faults are <see cref="ConcurrentFaultLoadTests"/>.
/// <list type="bullet">
/// <item>Thousands of calls in rounds (half streamed, 503s and resets mixed in by request number) through an
/// in-process provider, with the whole policy on but nothing kept (a counting ledger, loggers that format and drop):
/// after each round a full collection, and what the client keeps alive must not grow with the calls.</item>
/// </list>
/// </summary>
[Collection(nameof(RunsAlone))]
[Checklist("CL5")]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Rounds = 12;
    private const int CallsPerRound = 1000;
    private const int InFlight = 50;

    /// <summary>
    /// Generous (a clean run grows by one pool step, about 300 KiB) yet tight enough for a small leak: keeping the
    /// ledger rows alone (about 330 bytes a call here) grows the heap by 3.5 MiB, and in every round.
    /// </summary>
    private const long AllowedGrowth = 2 * 1024 * 1024;

    [Fact]
    public async Task Twelve_thousand_calls_in_rounds_leave_the_live_heap_flat()
    {
        var stream = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "streams", "success-pong.sse"));
        using var world = new InProcessCometApi(new InProcessHandler((n, request, _) => (n % 10) switch
        {
            0 => Task.FromResult(InProcessHandler.Respond(System.Text.Encoding.UTF8.GetBytes(FaultMix.Default.ErrorFor(n)), "application/json", HttpStatusCode.ServiceUnavailable)),
            5 => Task.FromException<HttpResponseMessage>(new HttpRequestException("simulated reset", new IOException("Connection reset by peer"))),
            _ when request.Headers.Accept.Any(a => a.MediaType == "text/event-stream") => Task.FromResult(InProcessHandler.Respond(stream, "text/event-stream")),
            _ => Task.FromResult(InProcessHandler.Respond(FaultMix.Default.SuccessBody, "application/json")),
        }));
        var ledger = new CountingLedger();
        using var loggers = DiscardingLogSink.Factory();
        var client = world.CreateClient(SimulationTiming.Instant, loggers: loggers, ledger: ledger);
        var live = new List<long>();
        var calls = new Tally();

        for (var round = 0; round < Rounds; round++)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, CallsPerRound), new ParallelOptions { MaxDegreeOfParallelism = InFlight },
                async (i, token) => calls.Add((await client.CallAsync(streaming: i % 2 == 1, cancellationToken: token)).IsSuccess ? "success" : "failure"));
            live.Add(GC.GetTotalMemory(forceFullCollection: true));
        }

        var growth = live[^1] - live[0];
        output.WriteLine($"{Rounds * CallsPerRound} calls ({calls}), {world.Handler.Requests} HTTP attempts, {ledger.Rows} ledger rows");
        output.WriteLine("live heap after each round (KiB): " + string.Join(", ", live.Select(b => b / 1024)));
        output.WriteLine($"growth after the first round: {growth / 1024} KiB, {(double)growth / ((Rounds - 1) * CallsPerRound):0.#} bytes a call");

        ledger.Rows.Should().Be(world.Handler.Requests, "one ledger row per attempt, however many calls");
        calls.Total.Should().Be(Rounds * CallsPerRound);
        world.Handler.Requests.Should().BeGreaterThan(Rounds * CallsPerRound, "the faults reached the client and were retried");
        growth.Should().BeLessThan(AllowedGrowth, "the client must not keep anything per call alive");
        live.Zip(live.Skip(1)).Should().Contain(p => p.Second <= p.First, "a heap that grows after every round is a leak, however small");
    }
}
