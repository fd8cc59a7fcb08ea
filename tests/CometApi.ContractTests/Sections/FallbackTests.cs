using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CometApi.ContractTests.Sections;

/// <summary>CL6: fallback runs only where the decision table allows it, and never hides a contract error.</summary>
[Checklist("CL6")]
[StartsFirst]
public sealed class FallbackTests
{
    public static TheoryData<string, bool> Scenarios => ScenarioCases.Tagged("CL6");

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_failure_class_falls_back_exactly_as_the_decision_table_says(string scenario, bool streaming)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: true);

        await run.ShouldMatchExpectationAsync("CL6");
        var primaryFailure = run.Result.Attempts[0];
        (TestContracts.Policy.For(primaryFailure.Class).Fallback && !primaryFailure.ContentDelivered).Should().Be(run.Result.FallbackUsed,
            "the scenario's expectation and the policy file agree, and nothing is spliced onto content already delivered");
    }

    [ScenarioFact("server-500")]
    public async Task The_result_names_who_answered_and_keeps_every_attempts_error()
    {
        using var run = await ScenarioRun.ExecuteAsync("server-500", streaming: false, withFallback: true);

        run.Result.AnsweredBy.Should().Be("fallback");
        run.Result.FallbackReason.Should().Be(FailureClass.ServerError);
        run.Result.Attempts.Select(a => (a.Provider, a.Class)).Should().Equal(
            ("cometapi", FailureClass.ServerError), ("cometapi", FailureClass.ServerError), ("fallback", FailureClass.Success));
        run.Result.Attempts.Should().AllSatisfy(a => a.Duration.Should().BePositive());
        run.World.Logs.AllText.Should().Contain("Falling back from cometapi to fallback after server_error");
        run.World.FallbackArrivals.Requests.Single().Headers["Authorization"].Single()
            .Should().Be($"Bearer {run.World.FallbackApiKey}", "each provider gets its own key");
    }

    [ScenarioFact("unavailable-503")]
    public async Task Without_a_fallback_provider_the_primary_failure_is_the_result()
    {
        using var run = await ScenarioRun.ExecuteAsync("unavailable-503", streaming: false, withFallback: false);

        run.Result.Class.Should().Be(FailureClass.ServerError);
        run.Result.FallbackUsed.Should().BeFalse();
        run.Result.AnsweredBy.Should().Be("cometapi");
    }

    [Fact]
    public async Task A_failing_fallback_is_reported_as_the_fallbacks_own_class()
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(502));
        world.StartFallback(s => s.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(401)
            .WithBody("""{"error":{"message":"bad key","type":"invalid_request_error","code":"invalid_api_key"}}""")));

        var result = await world.CreateClient().CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.Authentication);
        result.AnsweredBy.Should().Be("fallback");
        result.FallbackReason.Should().Be(FailureClass.ServerError);
        result.Attempts.Should().HaveCount(3, "two primary attempts and one fallback attempt, no retry of the 401");
        world.FallbackAttempts.Should().Be(1);
    }
}
