using System.Net;
using System.Text.Json.Nodes;
using CometApi.Simulation.Recording;
using CometApi.Simulator;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// A recording is diffed against the committed fixture with the snapshots' shape diff, and one command turns it into
/// that fixture: the suite then serves what the provider answered, with the request id the scenario expects.
/// </summary>
public sealed class PromotionTests : IDisposable
{
    private readonly TempFixtures _fixtures = new();

    [Fact]
    public void A_recording_with_the_fixtures_shape_has_no_diff_and_a_new_field_is_reported()
    {
        var same = Recording("success-pong", false, Pong(extra: null));
        var drifted = Recording("success-pong", false, Pong(extra: "service_tier"));

        RecordingDiff.Describe(same, _fixtures.Catalog()).Should().BeEmpty();
        RecordingDiff.Describe(drifted, _fixtures.Catalog()).Should().Equal("response: added $.service_tier: string");
    }

    [Fact]
    public async Task Promoting_a_json_recording_replaces_the_mappings_response_and_keeps_its_matching()
    {
        var catalog = _fixtures.Catalog();
        var mappingFile = catalog.PathOf(catalog["success-pong"].Modes.NonStreaming!.Mapping!);
        var before = JsonNode.Parse(File.ReadAllText(mappingFile))!.AsObject();
        var recording = Recording("success-pong", false, Pong(extra: "service_tier"));

        var result = Promotion.Promote(recording, catalog);

        result.ChangedFiles.Should().Equal(mappingFile);
        var after = JsonNode.Parse(File.ReadAllText(mappingFile))!.AsObject();
        foreach (var kept in new[] { "Guid", "Title", "Priority", "Request" })
            JsonNode.DeepEquals(after[kept], before[kept]).Should().BeTrue($"{kept} is the fixture's, not the recording's");
        after["Response"]!["Headers"]!["x-request-id"]!.GetValue<string>().Should().Be("req-pong-001", "the placeholder becomes the id the scenario expects");
        RecordingDiff.Describe(recording, _fixtures.Catalog()).Should().BeEmpty("the fixture now has the recording's shape");

        using var server = LoopbackServer.Start();
        ScenarioSimulator.Mount(server, _fixtures.Catalog()["success-pong"], false, _fixtures.Root);
        using var http = new HttpClient();
        using var response = await http.PostAsync(server.Url + ScenarioSimulator.ChatCompletionsPath, new StringContent("{}"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["service_tier"]!.GetValue<string>().Should().Be("default");
        body["id"]!.GetValue<string>().Should().Be(Scrubber.IdPrefix + "0001");
    }

    [Fact]
    public void Promoting_a_stream_recording_rewrites_the_sse_file_and_notes_headers_it_cannot_serve()
    {
        var catalog = _fixtures.Catalog();
        var events = new[] { """{"id":"id-recorded-0001","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"pong"}}]}""", "[DONE]" };
        var recording = Recording("stream-usage", true, body: null, events, headers: new() { ["content-type"] = "text/event-stream", ["x-ratelimit-remaining-requests"] = "99" });

        var result = Promotion.Promote(recording, catalog);

        var sse = catalog.PathOf(catalog["stream-usage"].Modes.Streaming!.Sse!);
        result.ChangedFiles.Should().Equal(sse);
        SseEvents.DataOf(File.ReadAllText(sse)).Should().Equal(events);
        result.Notes.Should().ContainSingle(n => n.Contains("x-ratelimit-remaining-requests", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reset_scenario_or_an_unscrubbed_recording_is_refused_and_nothing_changes()
    {
        var catalog = _fixtures.Catalog();
        var snapshot = Directory.GetFiles(_fixtures.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        var reset = () => Promotion.Promote(Recording("connection-reset", false, "{}"), catalog);
        var unscrubbed = () => Promotion.Promote(Recording("success-pong", false, Pong(null), headers: new() { ["x-request-id"] = "req-original-1" }), catalog);

        reset.Should().Throw<InvalidOperationException>().WithMessage("*connection-reset*responder*");
        unscrubbed.Should().Throw<InvalidOperationException>().WithMessage("*x-request-id*");
        Directory.GetFiles(_fixtures.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText).Should().Equal(snapshot);
    }

    [Fact]
    public async Task The_promote_command_diffs_promotes_and_tells_the_reviewer_what_changed()
    {
        var recording = Recording("server-500-invalid-request", false,
            """{"error":{"message":"bad (request id: req-recorded-0001)","type":"comet_api_error","param":"","code":"invalid_request","extra":1}}""");
        var file = RecordingStore.PathOf(_fixtures.Root, recording);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, RecordingStore.Serialize(recording));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SimulatorCommand.RunAsync(["promote", file, "--fixtures", _fixtures.Root], output, error, CancellationToken.None);

        error.ToString().Should().BeEmpty();
        code.Should().Be(0);
        output.ToString().Should().Contain("added $.error.extra: integer").And.Contain("promoted: ").And.Contain("server-500-invalid-request.json").And.Contain("git diff");
        RecordingDiff.Describe(recording, _fixtures.Catalog()).Should().BeEmpty();
        (await SimulatorCommand.RunAsync(["promote", Path.Combine(_fixtures.Root, "missing.json")], output, error, CancellationToken.None)).Should().Be(1);
    }

    private static string Pong(string? extra) =>
        $$$"""{"id":"id-recorded-0001","object":"chat.completion","created":1700000000,"model":"gpt-5.4-mini-2026-03-17",{{{(extra is null ? "" : $"\"{extra}\":\"default\",")}}}"choices":[{"index":0,"message":{"role":"assistant","content":"pong","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":1,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},"system_fingerprint":null}""";

    private static RecordedAnswer Recording(string scenario, bool streaming, string? body, IReadOnlyList<string>? events = null, Dictionary<string, string>? headers = null)
    {
        var status = scenario == "server-500-invalid-request" ? 500 : 200;
        return new RecordedAnswer
        {
            Provider = "cometapi",
            Scenario = scenario,
            Mode = streaming ? RecordedAnswer.Streaming : RecordedAnswer.NonStreaming,
            Date = "2026-12-01",
            Status = status,
            MediaType = streaming ? FixtureResponse.EventStream : FixtureResponse.Json,
            Headers = headers ?? new Dictionary<string, string> { ["content-type"] = "application/json; charset=utf-8", ["x-request-id"] = "req-recorded-0001" },
            Body = body,
            Events = events,
        };
    }

    public void Dispose() => _fixtures.Dispose();
}
