using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Configuration;

using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Sections;

/// <summary>CL3: missing, malformed, insufficient and revoked keys fail closed, never fall back, and tell the operator what to do.</summary>
[Checklist("CL3")]
public sealed class AuthenticationTests
{
    public static TheoryData<string, bool> Scenarios => ScenarioCases.Tagged("CL3");

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Key_failures_fail_closed_without_retry_or_fallback(string scenario, bool streaming)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: true);

        await run.ShouldMatchExpectationAsync("CL3");
        run.Result.Class.Should().BeOneOf(FailureClass.Authentication, FailureClass.PermissionDenied);
        run.Result.OperatorAction.Should().Contain("Rotate key or fix permissions");
    }

    [Fact]
    public void A_missing_key_fails_closed_names_the_variable_and_sends_nothing()
    {
        using var world = new SimulatedCometApi();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["COMETAPI_CHAT_ENDPOINT"] = world.ChatEndpoint,
            ["COMETAPI_MODEL"] = "gpt-5.4-mini",
        }).Build();

        var act = () => new CometApiChatClient(CometApiConfiguration.Bind(configuration), TestContracts.Set);

        act.Should().Throw<CometApiConfigurationException>()
            .Which.Message.Should().Contain("COMETAPI_API_KEY").And.Contain("COMETAPI_KEY");
        world.PrimaryAttempts.Should().Be(0);
    }

    [Theory]
    [InlineData("COMETAPI_API_KEY")]
    [InlineData("COMETAPI_KEY")]
    public void The_key_is_read_from_either_documented_variable_and_the_source_is_named(string variable)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [variable] = "sk-from-env-123456" }).Build();

        var options = CometApiConfiguration.Bind(configuration);

        options.ApiKey.Should().Be("sk-from-env-123456");
        options.ApiKeySource.Should().Be(variable);
    }

    [Fact]
    public void COMETAPI_API_KEY_wins_over_the_SDK_alias()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["COMETAPI_API_KEY"] = "sk-primary-123456", ["COMETAPI_KEY"] = "sk-alias-123456",
        }).Build();

        CometApiConfiguration.Bind(configuration).ApiKey.Should().Be("sk-primary-123456");
    }

    [Fact]
    public void Options_and_client_never_print_the_key()
    {
        using var world = new SimulatedCometApi();
        world.StartFallback(_ => { });
        var options = world.Options();
        using var client = new CometApiChatClient(options, TestContracts.Set);

        options.ToString().Should().NotContain(world.ApiKey).And.Contain("[REDACTED]");
        options.Fallback!.ToString().Should().NotContain(world.FallbackApiKey);
        client.ToString().Should().NotContain(world.ApiKey).And.NotContain(world.FallbackApiKey);
    }

    [Fact]
    public async Task A_401_result_and_its_exception_carry_no_key()
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(401)
                .WithBody($$$"""{"error":{"message":"Invalid token {{{world.ApiKey}}} (request id: req-echo)","type":"comet_api_error","code":""}}"""));
        var client = world.CreateClient();

        var result = await client.CompleteAsync(LeakMarkers.PongRequest());
        var exception = Assert.Throws<ChatCallException>(() => result.EnsureSuccess());

        result.Class.Should().Be(FailureClass.Authentication);
        result.RequestId.Should().Be("req-echo");
        result.Metadata.BodyExcerpt.Should().NotContain(world.ApiKey).And.Contain("[REDACTED]");
        exception.Message.Should().NotContain(world.ApiKey).And.Contain("authentication").And.Contain("req-echo");
        result.ToString().Should().NotContain(world.ApiKey);
        world.ShouldNotHaveLoggedSecrets();
    }

    [LiveFact]
    public Task Live_a_request_without_a_key_fails_closed() =>
        LiveCheckReport.ReportAsync("CL3.missing-key");

    [LiveFact]
    public Task Live_a_malformed_key_fails_closed() =>
        LiveCheckReport.ReportAsync("CL3.malformed-key");

    [LiveFact(NeedsRevokedKey = true)]
    public Task Live_a_revoked_key_fails_closed() =>
        LiveCheckReport.ReportAsync("CL3.revoked-key");
}
