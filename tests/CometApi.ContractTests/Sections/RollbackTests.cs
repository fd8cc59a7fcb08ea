using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Canary;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// ROLLBACK: simulated traffic mixes run through the real client; its metrics become canary windows; the
/// rollback criteria of contracts/rollback-criteria.json decide.
/// </summary>
[Checklist("ROLLBACK", "CANARY")]
public sealed class RollbackTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(60);

    /// <summary>A guard against a hung test, never a wait the verdict depends on.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(20);

    private static readonly RollbackCriteria Criteria = RollbackCriteria.Load(Path.Combine(RepoPaths.Contracts, "rollback-criteria.json"));

    [Theory]
    [InlineData("ok:40", 1, null)]
    [InlineData("ok:39,auth:1", 1, "authentication or configuration error")]
    [InlineData("ok:37,unknown-shape:3", 1, "unknown response shapes at 7.5%")]
    [InlineData("ok:36,timeout:4", 3, "timeouts above 5.0% for 3 windows in a row")]
    [InlineData("ok:36,timeout:4", 2, null)]
    [InlineData("ok:32,unavailable:8", 1, "fallback used for 20.0% of calls")]
    [InlineData("ok:35,ok-no-usage:5", 1, "usage inconsistent with volume: only 87.5% of successful calls reported usage")]
    [InlineData("ok:5,timeout:5", 3, null)]
    public async Task Traffic_mixes_roll_back_exactly_when_a_criterion_is_crossed(string mix, int windows, string? reason)
    {
        var behaviours = TrafficMixHandler.Mix(mix);
        var stalls = new StallSignals();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = MixClient(behaviours, stalls, clock);
        using var recorder = new CanaryWindowRecorder(client.Meter);
        var timeoutsPerWindow = behaviours.Count(b => b == "timeout");

        var recorded = new List<CanaryWindow>();
        for (var w = 0; w < windows; w++)
        {
            var calls = behaviours.Select(_ => client.CompleteAsync(LeakMarkers.PongRequest())).ToList();
            // The attempt timeout fires (in virtual time) once every other call has its answer and every "timeout"
            // request hangs: a slow machine cannot turn an answer into a timeout, nor the reverse.
            if (timeoutsPerWindow > 0) await stalls.WhenStalledAsync((w + 1) * timeoutsPerWindow).WaitAsync(Hung);
            while (calls.Count(c => c.IsCompleted) < calls.Count - timeoutsPerWindow) await Task.WhenAny(calls.Where(c => !c.IsCompleted)).WaitAsync(Hung);
            clock.Advance(AttemptTimeout);
            await Task.WhenAll(calls).WaitAsync(Hung);
            recorded.Add(recorder.TakeWindow());
        }

        recorded.Should().AllSatisfy(w => w.Calls.Should().Be(behaviours.Count, "every call is counted once in its window"));
        var decision = RollbackEvaluator.Evaluate(recorded, Criteria);
        if (reason is null)
        {
            decision.Rollback.Should().BeFalse(string.Join("; ", decision.Reasons));
        }
        else
        {
            decision.Rollback.Should().BeTrue();
            decision.Reasons.Should().ContainSingle().Which.Should().Contain(reason);
        }
    }

    [Fact]
    public void Fallback_answering_too_much_of_the_token_volume_is_over_the_cost_limit()
    {
        var window = new CanaryWindow(DateTimeOffset.MinValue, DateTimeOffset.MinValue,
            new Dictionary<Reliability.FailureClass, long> { [Reliability.FailureClass.Success] = 100 }, Timeouts: 0, Fallbacks: 5, FallbackTokens: 300, SuccessfulCallsWithUsage: 100, Tokens: 1000);

        RollbackEvaluator.Evaluate([window], Criteria).Reasons.Should().ContainSingle().Which.Should().Contain("fallback answered 30.0% of tokens");
    }

    [Fact]
    public void Token_volume_far_from_the_expected_per_call_usage_is_inconsistent_with_volume()
    {
        var window = new CanaryWindow(DateTimeOffset.MinValue, DateTimeOffset.MinValue,
            new Dictionary<Reliability.FailureClass, long> { [Reliability.FailureClass.Success] = 50 }, 0, 0, 0, 50, Tokens: 50 * 200);

        RollbackEvaluator.Evaluate([window], Criteria with { ExpectedTokensPerCall = 20 }).Reasons
            .Should().ContainSingle().Which.Should().Contain("200 tokens per call, expected 20");
    }

    private static CometApiChatClient MixClient(IReadOnlyList<string> behaviours, StallSignals stalls, TimeProvider clock) => new(
        new CometApiOptions
        {
            ApiKey = LeakMarkers.NewApiKey(),
            ChatEndpoint = "https://primary.simulated.test/v1/chat/completions",
            Model = "gpt-5.4-mini",
            TotalTimeout = TimeSpan.FromMilliseconds(400),
            AttemptTimeout = AttemptTimeout,
            Retry = new RetrySettings { MaxRetries = 0 },
            Fallback = new FallbackProviderOptions { ChatEndpoint = "https://fallback.simulated.test/v1/chat/completions", ApiKey = LeakMarkers.NewApiKey() },
        },
        TestContracts.Set,
        new TrafficMixHandler("primary.simulated.test", behaviours, stalls),
        timeProvider: clock);
}
