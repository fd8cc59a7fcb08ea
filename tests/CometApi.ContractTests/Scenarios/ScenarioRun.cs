using CometApi.ContractTests.Schemas;
using CometApi.Reliability;
using CometApi.Reliability.Client;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Runs one catalog scenario in one mode against a fresh simulator and checks everything the checklist asks of
/// a failure class: the class, the attempts WireMock saw, whether fallback ran and who answered, the operator
/// action, the request id kept, that the logs hold neither key nor prompt, and that every request sent conforms
/// to the request schema.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private ScenarioRun(Scenario scenario, bool streaming, bool withFallback)
    {
        Scenario = scenario;
        Streaming = streaming;
        WithFallback = withFallback;
        Expect = ScenarioSimulator.Mount(World.Primary, scenario, streaming, FixtureCatalog.Default.Root, World.Stalls);
        if (withFallback)
            World.StartFallback(server => ScenarioSimulator.Mount(server, FixtureCatalog.Default["success-pong"], streaming, FixtureCatalog.Default.Root));
    }

    public SimulatedCometApi World { get; } = new();
    public Scenario Scenario { get; }
    public bool Streaming { get; }
    public bool WithFallback { get; }
    public ScenarioExpectation Expect { get; }
    public ChatResult Result { get; private set; } = null!;
    public List<string> Deltas { get; } = [];

    public static async Task<ScenarioRun> ExecuteAsync(string scenarioName, bool streaming, bool withFallback)
    {
        var run = new ScenarioRun(FixtureCatalog.Default[scenarioName], streaming, withFallback);
        if (run.Expect.Class != FailureClass.Timeout.WireName())
        {
            run.Result = await run.World.CreateClient(SimulationTiming.Normal).CallAsync(run.Streaming, run.Deltas);
            return run;
        }

        // A timeout scenario stalls on purpose: its timers run in virtual time, moved on at each stall.
        var clock = new StallClock();
        var watch = run.World.WatchResponses();
        var client = run.World.CreateClient(SimulationTiming.Virtual, time: clock);
        var heldHeaders = run.Scenario.ModeFor(streaming)!.Kind == ScenarioModeKind.Mapping; // slow-headers: a mapping's Delay
        run.Result = await StallDriver.DriveAsync(client.CallAsync(run.Streaming, run.Deltas), clock, watch, run.StallOf(heldHeaders));
        return run;
    }

    /// <summary>
    /// The n-th stall of the primary: a mapping that delays its answer holds back even the headers from the moment
    /// the request arrives; a responder says when it stalls and how many body bytes it sent first.
    /// </summary>
    private Func<int, Task<long?>> StallOf(bool heldHeaders) => heldHeaders
        ? World.HeldHeadersStallAsync
        : async n => await World.Stalls.WhenStalledAsync(n);

    /// <summary>
    /// The assertions every failure class must pass, in either mode, with or without a fallback configured.
    /// The run's evidence record (<paramref name="checklistId"/>.scenario.mode) is published first, so a failing
    /// assertion still leaves its class, status and request ids in the evidence (benchmarks pass no id).
    /// </summary>
    public async Task ShouldMatchExpectationAsync(string? checklistId = null)
    {
        if (checklistId is not null)
            EvidenceChannel.Publish(EvidenceRecord.From($"{checklistId}.{Scenario.Name}.{(Streaming ? "streaming" : "non-streaming")}", Result, World.Ledger));
        var expectedClass = Expect.Class;
        var fallbackExpected = WithFallback && Expect.Fallback;
        var primaryAttempts = Result.Attempts.Where(a => a.Provider == "cometapi").ToList();

        primaryAttempts.Should().NotBeEmpty();
        primaryAttempts[^1].Class.WireName().Should().Be(expectedClass, "the primary's last attempt is classified by the failure policy");
        World.PrimaryAttempts.Should().Be(Expect.Attempts, "WireMock counts the HTTP attempts the policy allows");
        primaryAttempts.Should().HaveCount(Expect.Attempts, "every attempt is recorded on the result");
        World.Ledger.Rows.Select(r => (r.Provider, r.RetryIndex, r.Class, r.RequestId))
            .Should().Equal(Result.Attempts.Select(a => (a.Provider, a.RetryIndex, a.Class, a.RequestId)), "the usage ledger holds one row per attempt");
        primaryAttempts[^1].RequestId.Should().Be(Expect.RequestId, "the provider's request id is kept");
        if (Expect.Status is not null) primaryAttempts[^1].StatusCode.Should().Be(Expect.Status);

        Result.FallbackUsed.Should().Be(fallbackExpected, "the decision table says whether this class may fall back");
        if (fallbackExpected)
        {
            Result.AnsweredBy.Should().Be("fallback");
            Result.FallbackReason!.Value.WireName().Should().Be(expectedClass);
            Result.Class.Should().Be(FailureClass.Success, "the fallback provider answers pong");
            World.FallbackAttempts.Should().Be(1);
            Result.Attempts.Should().HaveCount(Expect.Attempts + 1);
        }
        else
        {
            World.FallbackAttempts.Should().Be(0, "fallback must not hide this class");
            Result.AnsweredBy.Should().Be("cometapi");
            Result.Class.WireName().Should().Be(expectedClass);
            Result.OperatorAction.Should().Be(TestContracts.Policy.For(Result.Class).OperatorAction);
            Result.RequestId.Should().Be(Expect.RequestId);
            if (Expect.Output is not null) (Result.Text ?? "").Should().Be(Expect.Output);
            if (Expect.Refusal is not null) Result.Refusal.Should().Be(Expect.Refusal);
            if (Expect.Usage is { } u)
            {
                Result.Usage.Should().NotBeNull();
                Result.Usage!.PromptTokens.Should().Be(u.PromptTokens);
                Result.Usage.CompletionTokens.Should().Be(u.CompletionTokens);
                Result.Usage.TotalTokens.Should().Be(u.TotalTokens);
            }
        }

        World.ShouldNotHaveLoggedSecrets();
        World.ShouldHaveSentOnlyContractRequests();
        if (Expect.RequestId is not null)
            World.Logs.AllText.Should().Contain(Expect.RequestId, "the request id is logged for support tickets");
        World.Logs.AllText.Should().Contain(expectedClass, "the class is logged");
    }

    public void Dispose() => World.Dispose();
}
