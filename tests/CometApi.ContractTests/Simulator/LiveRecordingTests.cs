using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CometApi.Live;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using CometApi.Simulation.Recording;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// Record mode on a live-simulated run: the live checks' requests (the suite's client for PONG in both modes, raw
/// requests for the key, model and request mistakes) go through <see cref="RecordingHandler"/> to the embedded live
/// simulator, as a live session with <c>COMETAPI_RECORD=1</c> sends them. Every file written (recordings and the
/// diff report) is read back: no key, no prompt, no original request id or id; and the client got the same answer.
/// </summary>
public sealed class LiveRecordingTests : IClassFixture<LiveSimulator>, IDisposable
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly string Prompt = LeakMarkers.PongRequest().Messages[0].Content!;

    private readonly LiveSimulator _live;
    private readonly string _root = Directory.CreateTempSubdirectory("cometapi-record-").FullName;
    private readonly RecordingSession _recordings;
    private readonly RecordingHandler _handler;

    public LiveRecordingTests(LiveSimulator live)
    {
        _live = live;
        _recordings = new RecordingSession(_root, "cometapi-simulated", Day, FixtureCatalog.Default);
        _handler = new RecordingHandler(_recordings, new RecordedRun(LiveSimulator.ValidKey, LiveSimulator.RevokedKey, Prompt, LiveSimulator.UnknownModel),
            new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    [Fact]
    public async Task A_live_simulated_run_records_every_answer_scrubbed_with_a_diff_report()
    {
        var options = new CometApiOptions
        {
            ApiKey = LiveSimulator.ValidKey, Model = LiveSimulator.Model, ChatEndpoint = _live.BaseUrl + "/chat/completions", Retry = new RetrySettings { MaxRetries = 0 },
        };
        using (var client = new CometApiChatClient(options, TestContracts.Set, _handler))
        {
            (await client.CompleteAsync(LeakMarkers.PongRequest())).Text.Should().Be("pong", "the client reads the answer through the tee unchanged");
            var streamed = new StringBuilder();
            await foreach (var e in client.StreamAsync(LeakMarkers.PongRequest())) streamed.Append(e.Content);
            streamed.ToString().Should().Be("pong", "the stream reaches the client unchanged, delta by delta");
        }

        // The personality's fixed ids of the two PONG answers the client read (ScrubberTests sees them in the raw answers).
        var originals = new List<string> { "sim-live-req-200-pong", "sim-live-req-200-stream", "chatcmpl-sim-live-pong" };
        using var http = new HttpClient(_handler, disposeHandler: false);
        foreach (var (key, model, messages) in new (string?, string, bool)[]
        {
            (null, LiveSimulator.Model, true), (LiveSimulator.RevokedKey, LiveSimulator.Model, true), ("not-a-key", LiveSimulator.Model, true),
            (LiveSimulator.ValidKey, LiveSimulator.UnknownModel, true), (LiveSimulator.ValidKey, LiveSimulator.Model, false),
        })
        {
            using var answer = await http.SendAsync(Request(key, model, messages));
            originals.AddRange(Ids(await answer.Content.ReadAsStringAsync()));
            originals.AddRange(answer.Headers.TryGetValues("x-request-id", out var ids) ? ids : []);
        }

        var entries = _recordings.Entries;
        entries.Select(e => $"{e.Scenario} {e.Mode}").Should().BeEquivalentTo(
            "success-pong nonStreaming", "success-pong streaming", "auth-missing-key-401 nonStreaming", "auth-revoked-key-401 nonStreaming",
            "auth-malformed-key-401 nonStreaming", "model-not-found-503 nonStreaming", "server-500-invalid-request nonStreaming");
        entries.Should().OnlyContain(e => e.Path != null && e.Diff.SequenceEqual(new[] { "same shape as the committed fixture" }),
            "the cometapi personality answers in the fixtures' shapes");

        var written = Directory.GetFiles(Path.Combine(_root, "recorded"), "*", SearchOption.AllDirectories);
        written.Select(Path.GetFileName).Should().Contain(["success-pong.json", "success-pong.stream.json", "auth-revoked-key-401.json", RecordingSession.ReportFileName]);
        var text = string.Join("\n", written.Select(File.ReadAllText));
        originals.Should().Contain(["sim-live-req-401-revoked", "sim-live-req-503-model"], "the run saw ids to scrub");
        text.Should().NotContain(LiveSimulator.ValidKey).And.NotContain(LiveSimulator.RevokedKey).And.NotContain("not-a-key")
            .And.NotContain(LeakMarkers.PromptMarker).And.NotContain("Return the word pong");
        originals.Distinct().Where(o => text.Contains(o, StringComparison.Ordinal)).Should().BeEmpty("no original request id or id is written");
        text.Should().Contain(Scrubber.RequestIdPrefix + "0001");
        File.ReadAllText(_recordings.ReportPath).Should().Contain("## auth-revoked-key-401 nonStreaming: 401").And.Contain("same shape as the committed fixture");
    }

    [Fact]
    public async Task An_answer_unlike_its_fixture_is_reported_with_the_shape_diff_and_a_repeat_is_counted_not_rewritten()
    {
        using var server = LoopbackServer.Start();
        server.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithHeader("x-request-id", "req-unlike-0042").WithBody("""{"message":"no key (request id: req-unlike-0042)"}"""));
        using var http = new HttpClient(_handler, disposeHandler: false);
        for (var i = 0; i < 2; i++)
        {
            using var request = Request(null, LiveSimulator.Model, true, server.Url + "/v1");
            using var answer = await http.SendAsync(request);
            await answer.Content.ReadAsStringAsync();
        }

        var entry = _recordings.Entries.Should().ContainSingle().Subject;
        entry.Scenario.Should().Be("auth-missing-key-401");
        entry.AlsoSeen.Should().Be(1);
        entry.Diff.Should().NotBeEmpty().And.NotContain("same shape as the committed fixture");
        var report = File.ReadAllText(_recordings.ReportPath);
        report.Should().Contain("seen 2 times").And.Contain(entry.Diff[0]).And.NotContain("req-unlike-0042");
    }

    [Fact]
    public void Record_mode_is_on_only_in_a_live_run_with_the_variable_and_a_simulated_run_records_apart()
    {
        var simulated = LiveSettings.FromEnvironment(n => n switch { "COMETAPI_LIVE" => "1", "COMETAPI_SIMULATE" => "1", _ => null });
        var offline = LiveSettings.FromEnvironment(_ => null);
        string? Env(string name) => name switch { LiveRecording.Variable => "1", LiveRecording.DirVariable => _root, _ => null };

        LiveRecording.Start(Env, offline).Should().BeNull("record mode records live answers only");
        LiveRecording.Start(_ => null, simulated).Should().BeNull("off unless asked for");
        var session = LiveRecording.Start(Env, simulated)!;
        session.Provider.Should().Be("cometapi-simulated", "simulated answers never mix with the provider's");
        session.Folder.Should().StartWith(Path.Combine(_root, "recorded", "cometapi-simulated"));
    }

    private HttpRequestMessage Request(string? key, string model, bool withMessages, string? baseUrl = null)
    {
        var body = new JsonObject { ["model"] = model, ["max_tokens"] = 16 };
        if (withMessages) body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt });
        var request = new HttpRequestMessage(HttpMethod.Post, (baseUrl ?? _live.BaseUrl) + "/chat/completions")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    // The request ids and ids an answer holds: "(request id: ...)" in messages and JSON "id" fields.
    private static IEnumerable<string> Ids(string body) =>
        System.Text.RegularExpressions.Regex.Matches(body, @"request id: ([^)\s]+)|""id"":""([^""]+)""")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);

    public void Dispose()
    {
        _handler.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
