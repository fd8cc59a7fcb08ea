using System.Net;
using System.Text.Json;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Sections;

/// <summary>CL2: the endpoint is configuration, the minimal request is what the contract says, bad paths block the deploy.</summary>
[Checklist("CL2")]
public sealed class EndpointContractTests
{
    public static TheoryData<string, bool> Scenarios => ScenarioCases.Tagged("CL2");

    [ScenarioTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Unknown_paths_redirects_and_html_pages_are_deploy_blocking_configuration_errors(string scenario, bool streaming)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: true);

        await run.ShouldMatchExpectationAsync("CL2");
        run.Result.Class.Should().Be(FailureClass.Configuration);
        run.Result.OperatorAction.Should().Contain("Deploy-blocking");
    }

    [Fact]
    public async Task The_minimal_request_is_a_bearer_authenticated_json_post_to_the_configured_path()
    {
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-request-id", "req-min-1")
                .WithBody("""{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"pong"},"finish_reason":"stop"}]}"""));
        var client = world.CreateClient();

        var result = await client.CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.Success);
        var request = world.PrimaryArrivals.Requests.Single();
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v1/chat/completions");
        var headers = request.Headers;
        headers["Content-Type"].Single().Should().StartWith("application/json");
        headers["Accept"].Single().Should().Be("application/json");
        headers["Authorization"].Single().Should().Be($"Bearer {world.ApiKey}");
        var callId = headers["X-Client-Request-Id"].Single();
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("model").GetString().Should().Be("gpt-5.4-mini");
        body.RootElement.GetProperty("stream").GetBoolean().Should().BeFalse();
        body.RootElement.GetProperty("temperature").GetDouble().Should().Be(0);
        body.RootElement.GetProperty("max_tokens").GetInt32().Should().Be(16);
        body.RootElement.GetProperty("messages")[0].GetProperty("role").GetString().Should().Be("user");
        world.Logs.AllText.Should().Contain("req-min-1").And.Contain(callId, "both the provider's and our own request id are logged");
        world.ShouldNotHaveLoggedSecrets();
    }

    [Fact]
    public void The_endpoint_comes_from_configuration_with_the_profile_as_default()
    {
        Endpoint(new() { ["COMETAPI_API_KEY"] = "sk-test-12345678", ["COMETAPI_MODEL"] = "m" })
            .Should().Be("https://api.cometapi.com/v1/chat/completions");
        Endpoint(new() { ["COMETAPI_API_KEY"] = "sk-test-12345678", ["COMETAPI_MODEL"] = "m", ["COMETAPI_BASE_URL"] = "https://gateway.example.test/v1/" })
            .Should().Be("https://gateway.example.test/v1/chat/completions");
        Endpoint(new()
        {
            ["COMETAPI_API_KEY"] = "sk-test-12345678", ["COMETAPI_MODEL"] = "m", ["COMETAPI_BASE_URL"] = "https://gateway.example.test/v1",
            ["COMETAPI_CHAT_ENDPOINT"] = "https://other.example.test/openai/chat/completions",
        }).Should().Be("https://other.example.test/openai/chat/completions");
    }

    [Theory]
    [InlineData("http://api.cometapi.com/v1", "plain HTTP")]
    [InlineData("ftp://api.cometapi.com/v1", "not an absolute http(s) URL")]
    [InlineData("https://api.cometapi.com/v1?key=abc", "query string")]
    public void An_unsafe_endpoint_is_a_configuration_error_at_start(string baseUrl, string expected)
    {
        var act = () => Endpoint(new() { ["COMETAPI_API_KEY"] = "sk-test-12345678", ["COMETAPI_MODEL"] = "m", ["COMETAPI_BASE_URL"] = baseUrl });

        act.Should().Throw<CometApiConfigurationException>().Which.Message.Should().Contain("COMETAPI_BASE_URL").And.Contain(expected);
    }

    [Fact]
    public async Task A_closed_port_is_a_classified_transport_failure_retried_once()
    {
        using var world = new SimulatedCometApi();
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port; // free a moment ago, nobody listens now
        probe.Stop();
        var client = world.CreateClient(configure: o => o.ChatEndpoint = $"http://127.0.0.1:{closedPort}/v1/chat/completions");

        var result = await client.CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.TransportFailure);
        result.Attempts.Should().HaveCount(2).And.OnlyContain(a => a.StatusCode == null && a.Note!.Contains("refused", StringComparison.OrdinalIgnoreCase));
        world.ShouldNotHaveLoggedSecrets();
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_key_never_reaches_another_host()
    {
        using var world = new SimulatedCometApi();
        var elsewhereArrivals = new RequestArrivals();
        using var elsewhere = LoopbackServer.Start(elsewhereArrivals);
        world.Primary.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.MovedPermanently).WithHeader("Location", elsewhere.Url + "/v1/chat/completions"));
        var client = world.CreateClient();

        var result = await client.CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(FailureClass.Configuration);
        result.Metadata.Headers["location"].Should().StartWith(elsewhere.Url!);
        elsewhereArrivals.Count.Should().Be(0, "the key never reached the other host");
        world.PrimaryAttempts.Should().Be(1);
    }

    private static string Endpoint(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var client = new CometApiChatClient(CometApiConfiguration.Bind(configuration), TestContracts.Set);
        return client.Endpoint.ToString();
    }

    [LiveFact]
    public Task Live_the_configured_endpoint_and_model_answer_a_minimal_request() =>
        LiveCheckReport.ReportAsync("CL2.minimal-request");

    [LiveFact]
    public Task Live_an_unknown_path_is_a_deploy_blocking_configuration_error() =>
        LiveCheckReport.ReportAsync("CL2.unknown-path");

    [LiveFact]
    public Task Live_an_unknown_model_is_a_configuration_error_that_names_the_model() =>
        LiveCheckReport.ReportAsync("CL2.unknown-model");
}
