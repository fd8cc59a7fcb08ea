using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Simulation.Standalone;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// The standalone simulator serves the catalog's scenarios exactly as the suite's own one-scenario servers do, chosen by
/// path prefix or header, with the body's <c>stream</c> flag picking the mode; it counts requests per scenario, resets
/// state, and answers an unknown scenario with a 404 that names the known ones.
/// </summary>
[StartsFirst]
public sealed class StandaloneSimulatorTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly StandaloneSimulator _simulator;
    // No redirects followed: a 301 scenario is an answer to compare, not a hop.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public StandaloneSimulatorTests(SimulatorFixture fixture)
    {
        _simulator = fixture.Simulator;
        _simulator.ResetAll();
    }

    public enum Selector
    {
        Path,
        Header,
    }

    /// <summary>Success, 429 with Retry-After, 500 invalid_request, stalls, a cut stream, a reset, the fail-then-succeed sequence.</summary>
    public static TheoryData<string, bool, Selector> Representative { get; } = new()
    {
        { "success-pong", false, Selector.Path }, { "success-pong", true, Selector.Header },
        { "rate-limit-429-short", false, Selector.Path }, { "rate-limit-429-long", true, Selector.Header },
        { "server-500-invalid-request", false, Selector.Header }, { "server-500-invalid-request", true, Selector.Path },
        { "stream-stall", true, Selector.Path }, { "stalled-body", false, Selector.Header },
        { "stream-cut", true, Selector.Header }, { "connection-reset", false, Selector.Path },
        { "retry-then-success", false, Selector.Path }, { "retry-then-success", true, Selector.Header },
        { "unknown-path-404", false, Selector.Header }, { "html-502", true, Selector.Path },
    };

    [Theory]
    [MemberData(nameof(Representative))]
    public async Task A_scenario_answers_as_the_suites_own_mount_does(string name, bool streaming, Selector selector)
    {
        var scenario = FixtureCatalog.Default[name];
        using var suite = LoopbackServer.Start();
        ScenarioSimulator.Mount(suite, scenario, streaming);
        var attempts = Math.Max(2, scenario.ExpectFor(streaming).Attempts);

        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var expected = await WireAnswer.CaptureAsync(_http, Chat(suite.Url + "/v1", streaming), HeldBytes(scenario, streaming));
            var actual = await WireAnswer.CaptureAsync(_http, Chat(streaming, name, selector), HeldBytes(scenario, streaming));

            actual.Should().Be(expected, $"attempt {attempt} of {name} ({(streaming ? "streaming" : "nonStreaming")}, by {selector}) is the same answer");
        }

        _simulator.Tally[name].Should().Be(attempts, "every request that selected the scenario is counted");
    }

    [Fact]
    public async Task Every_scenario_and_mode_of_the_catalog_is_served_with_its_first_fixture_status()
    {
        foreach (var (scenario, streaming) in FixtureCatalog.Default.Cases())
        {
            var responses = FixtureResponses.Of(scenario, streaming, FixtureCatalog.Default.Root);
            var first = responses.Count > 0 ? responses[0] : null;
            var mode = scenario.ModeFor(streaming)!;
            if (first is null || mode.End == SseEnd.Stall || mode.Responder is not null || scenario.Name == "slow-headers") continue;

            var answer = await WireAnswer.CaptureAsync(_http, Chat(streaming, scenario.Name, Selector.Header), null);

            answer.Status.Should().Be(first.Status, $"{scenario.Name} ({(streaming ? "streaming" : "nonStreaming")})");
        }

        _simulator.Describe()["scenarios"]!.AsArray().Select(s => s!["name"]!.GetValue<string>())
            .Should().Equal(FixtureCatalog.Default.Scenarios.Select(s => s.Name)).And.HaveCount(37);
    }

    [Fact]
    public async Task The_admin_route_counts_the_requests_each_scenario_received()
    {
        for (var i = 0; i < 3; i++) (await Send(Chat(false, "rate-limit-429-short", Selector.Path))).Dispose();
        for (var i = 0; i < 2; i++) (await Send(Chat(true, "rate-limit-429-short", Selector.Header))).Dispose();
        (await Send(Chat(false, "server-500", Selector.Header))).Dispose();

        var listing = await Admin(HttpMethod.Get, "/__simulator/scenarios");

        Requests(listing, "rate-limit-429-short").Should().Be(5);
        Requests(listing, "server-500").Should().Be(1);
        Requests(listing, "success-pong").Should().Be(0);
        listing["scenarios"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "stream-cut")!["modes"]!.AsArray()
            .Select(m => m!.GetValue<string>()).Should().Equal("streaming");

        var afterReset = await Admin(HttpMethod.Post, "/__simulator/reset?scenario=rate-limit-429-short");
        Requests(afterReset, "rate-limit-429-short").Should().Be(0);
        Requests(afterReset, "server-500").Should().Be(1, "a reset of one scenario leaves the others' counts");
    }

    [Fact]
    public async Task Fail_then_succeed_state_belongs_to_its_scenario_and_mode_and_resets()
    {
        async Task<int> Status(bool streaming, Selector selector)
        {
            using var response = await Send(Chat(streaming, "retry-then-success", selector));
            return (int)response.StatusCode;
        }

        (await Status(false, Selector.Path)).Should().Be(503);
        (await Status(false, Selector.Header)).Should().Be(200, "path and header select the same scenario and share its state");
        (await Status(true, Selector.Path)).Should().Be(503, "the streaming mode has its own sequence");
        (await Status(false, Selector.Path)).Should().Be(200);

        (await Admin(HttpMethod.Post, "/__simulator/reset?scenario=retry-then-success"))["scenarios"].Should().NotBeNull();

        (await Status(false, Selector.Header)).Should().Be(503, "a reset starts the sequence again");
        (await Status(true, Selector.Header)).Should().Be(503);
    }

    [Theory]
    [InlineData(Selector.Path)]
    [InlineData(Selector.Header)]
    public async Task An_unknown_scenario_is_a_404_naming_the_known_ones(Selector selector)
    {
        using var response = await Send(Chat(false, "no-such-scenario", selector));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body["error"]!["code"]!.GetValue<string>().Should().Be("unknown_scenario");
        body["error"]!["message"]!.GetValue<string>().Should().Contain("no-such-scenario").And.Contain("stream-cut").And.Contain("retry-then-success");
        body["scenarios"]!.AsArray().Select(s => s!.GetValue<string>()).Should().BeEquivalentTo(FixtureCatalog.Default.Scenarios.Select(s => s.Name));
        _simulator.Tally["no-such-scenario"].Should().Be(0);
    }

    [Fact]
    public async Task A_mode_the_scenario_lacks_is_a_clear_400_not_the_healthy_answer()
    {
        using var response = await Send(Chat(false, "stream-cut", Selector.Path));
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        message.Should().Contain("stream-cut").And.Contain("\"stream\": true");
    }

    [Fact]
    public async Task With_no_scenario_it_is_the_healthy_provider_with_its_key_check()
    {
        using var noKey = await Send(new HttpRequestMessage(HttpMethod.Post, _simulator.BaseUrl + "/chat/completions") { Content = Json(Body(false)) });
        using var withKey = await Send(new HttpRequestMessage(HttpMethod.Post, _simulator.BaseUrl + "/chat/completions")
        {
            Content = Json(Body(false)),
            Headers = { { "Authorization", "Bearer " + StandaloneSimulator.AcceptedKey } },
        });

        noKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withKey.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await withKey.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.GetValue<string>().Should().Be("pong");
        _simulator.Tally[RequestTally.Healthy].Should().Be(2);
        _simulator.PersonalityFiles.Should().HaveCount(Directory.GetFiles(LiveSimulator.DefaultMappingsFolder, "*.json").Length);
    }

    [Fact]
    public void It_binds_to_loopback_and_says_the_bound_address()
    {
        new Uri(_simulator.Url).IsLoopback.Should().BeTrue();
        _simulator.Url.Should().StartWith("http://127.0.0.1:", "WireMock's 'localhost' may resolve to ::1, where nothing listens");
        _simulator.BaseUrlOf("stream-cut").Should().Be(_simulator.Url + "/scenarios/stream-cut/v1");
    }

    // A stalled body never ends: read what the responder sends before it stalls, then stop.
    private static int? HeldBytes(Scenario scenario, bool streaming)
    {
        var mode = scenario.ModeFor(streaming)!;
        if (mode.End == SseEnd.Stall) return Encoding.UTF8.GetByteCount(File.ReadAllText(FixtureCatalog.Default.PathOf(mode.Sse!)));
        if (mode.Responder == ScenarioSimulator.StalledBodyResponderName)
            return mode.SendBytes ?? (int)new FileInfo(FixtureCatalog.Default.PathOf(mode.Body!)).Length / 2;
        return null;
    }

    private HttpRequestMessage Chat(bool streaming, string scenario, Selector selector)
    {
        if (selector == Selector.Path) return Chat(_simulator.BaseUrlOf(scenario), streaming);
        var request = Chat(_simulator.BaseUrl, streaming);
        request.Headers.Add(ScenarioRoute.SelectorHeader, scenario);
        return request;
    }

    private static HttpRequestMessage Chat(string baseUrl, bool streaming) =>
        new(HttpMethod.Post, baseUrl + "/chat/completions") { Content = Json(Body(streaming)) };

    private static string Body(bool streaming) =>
        $$"""{"model":"gpt-5.4-mini","messages":[{"role":"user","content":"Return the word pong and no other text."}],"stream":{{(streaming ? "true" : "false")}}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> Send(HttpRequestMessage request) => _http.SendAsync(request);

    private async Task<JsonNode> Admin(HttpMethod method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(method, _simulator.Url + path));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static int Requests(JsonNode listing, string scenario) =>
        listing["scenarios"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == scenario)!["requests"]!.GetValue<int>();

    public void Dispose() => _http.Dispose();
}
