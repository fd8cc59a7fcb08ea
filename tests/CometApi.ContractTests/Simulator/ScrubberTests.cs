using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CometApi.Simulation.Recording;
using WireMock.Server;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// Record mode never writes the key or the prompt, and replaces request ids, ids, timestamps, fingerprints and
/// generated text by stable placeholders: proven on a live-simulated run (the embedded live simulator and answers
/// that echo the key everywhere) by reading back every file written.
/// </summary>
public sealed partial class ScrubberTests : IClassFixture<LiveSimulator>, IDisposable
{
    private const string Prompt = "Return the word pong and no other text. (prompt-marker-7f3a9c)";
    private static readonly DateOnly Day = new(2026, 12, 1);

    private readonly LiveSimulator _live;
    private readonly TempFixtures _fixtures = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public ScrubberTests(LiveSimulator live) => _live = live;

    [Fact]
    public async Task A_live_simulated_run_writes_no_key_no_prompt_and_no_original_id()
    {
        var key = LiveSimulator.ValidKey;
        var scrubber = new Scrubber(key, [Prompt], keptText: ["pong"]);
        var raws = new List<RecordedAnswer>
        {
            await Record(_live.BaseUrl, key, "success-pong", streaming: false),
            await Record(_live.BaseUrl, key, "success-pong", streaming: true),
            await Record(_live.BaseUrl, LiveSimulator.RevokedKey, "auth-revoked-key-401", streaming: false, recordedKey: LiveSimulator.RevokedKey),
        };
        foreach (var (name, echo) in KeyEcho.Answers.Take(3).Select((a, i) => ($"key-echo-{i}", a.Value)))
        {
            using var server = LoopbackServer.Start();
            echo(server, key);
            raws.Add(await Record(server.Url + "/v1", key, name, streaming: false));
        }

        foreach (var raw in raws)
        {
            var scrubberFor = raw.Scenario == "auth-revoked-key-401" ? new Scrubber(LiveSimulator.RevokedKey, [Prompt]) : scrubber;
            RecordingStore.Write(_fixtures.Root, raw, scrubberFor);
        }

        var written = _fixtures.WrittenUnder(RecordingStore.Folder).ToList();
        written.Should().HaveCount(raws.Count);
        var text = string.Join("\n", written.Select(File.ReadAllText));
        var originals = raws.SelectMany(OriginalIds).Distinct().ToList();

        originals.Should().Contain(["sim-live-req-200-pong", "sim-live-req-200-stream", "chatcmpl-sim-live-pong", "sim-live-req-401-revoked"], "the run saw request ids to scrub");
        text.Should().NotContain(key).And.NotContain(LiveSimulator.RevokedKey).And.NotContain("prompt-marker-7f3a9c").And.NotContain(Prompt);
        originals.Where(o => text.Contains(o, StringComparison.Ordinal)).Should().BeEmpty("no original request id or id is written");
        text.Should().Contain(Scrubber.RequestIdPrefix + "0001");
        var pong = RecordingStore.Read(Path.Combine(_fixtures.Root, "recorded", "simulated", "2026-12-01", "success-pong.json"));
        JsonNode.Parse(pong.Body!)!["choices"]![0]!["message"]!["content"]!.GetValue<string>().Should().Be("pong", "the expected output is kept");
        written.Should().Contain(Path.Combine(_fixtures.Root, "recorded", "simulated", "2026-12-01", "success-pong.stream.json"));
    }

    [Fact]
    public void Ids_timestamps_fingerprints_and_generated_text_become_stable_placeholders()
    {
        const string Key = "sk-live-abcdef0123456789";
        var chunk = (string text) => $$$"""{"id":"chatcmpl-Zx81","object":"chat.completion.chunk","created":1764111111,"system_fingerprint":"fp_9a8b","choices":[{"index":0,"delta":{"content":"{{{text}}}"}}]}""";
        var raw = Answer("stream-usage", true, 200, "text/event-stream",
            new() { ["x-request-id"] = "req-original-777", ["set-cookie"] = "session=secret", ["cf-ray"] = "8f00aa-AMS" },
            events: [chunk("Secret generated words"), chunk("po"), chunk(""), "[DONE]"]);

        var scrubbed = new Scrubber(Key, [Prompt], keptText: ["pong"]).Scrub(raw);

        scrubbed.Headers.Should().Equal(new Dictionary<string, string> { ["cf-ray"] = "req-recorded-0002", ["x-request-id"] = "req-recorded-0001" },
            "only the headers that matter are kept, request ids as placeholders");
        var events = scrubbed.Events!.Take(3).Select(e => JsonNode.Parse(e)!).ToList();
        events.Select(e => e["id"]!.GetValue<string>()).Should().AllBe(Scrubber.IdPrefix + "0001", "the chunks of one stream keep one shared id");
        events.Select(e => e["created"]!.GetValue<long>()).Should().AllBeEquivalentTo(Scrubber.Created);
        events.Select(e => e["system_fingerprint"]!.GetValue<string>()).Should().AllBe(Scrubber.Fingerprint);
        events.Select(e => e["choices"]![0]!["delta"]!["content"]!.GetValue<string>()).Should().Equal(Scrubber.GeneratedText, "po", "");
        scrubbed.Events![3].Should().Be("[DONE]");
        new Scrubber(Key, [Prompt], keptText: ["pong"]).Scrub(raw).Should().BeEquivalentTo(scrubbed, "the same answer scrubs to the same recording");
    }

    [Fact]
    public void The_key_its_masked_echo_and_the_prompt_are_removed_from_every_field_and_header()
    {
        const string Key = "sk-live-abcdef0123456789";
        var raw = Answer("auth-malformed-key-401", false, 401, "application/json",
            new() { ["x-oneapi-request-id"] = "2026120112000012345", ["location"] = $"https://x.example/v1?key={Key}&a=1", ["x-ratelimit-remaining-requests"] = Key },
            body: $$$"""{"error":{"message":"Incorrect API key provided: sk-live-a****6789 for \"{{{Prompt}}}\" (request id: 2026120112000012345)","type":"{{{Key}}}","code":"invalid_api_key"}}""");
        var scrubber = new Scrubber(Key, [Prompt]);

        var text = RecordingStore.Serialize(scrubber.Scrub(raw));

        text.Should().NotContain(Key).And.NotContain("sk-live-a").And.NotContain("prompt-marker").And.NotContain("2026120112000012345");
        text.Should().Contain(Scrubber.RedactedKey).And.Contain(Scrubber.RedactedPrompt).And.Contain("(request id: req-recorded-0001)");
        JsonNode.Parse(scrubber.Scrub(raw).Body!)!["error"]!["code"]!.GetValue<string>().Should().Be("invalid_api_key", "error codes are the provider's words, not generated text");
        scrubber.Leaks(text, raw).Should().BeEmpty();
        scrubber.Leaks(text + Key, raw).Should().Contain("the key", "the writer's last check finds what slipped through");
    }

    [Fact]
    public void A_recording_path_is_provider_date_scenario_and_refuses_path_tricks()
    {
        var answer = Answer("stream-cut", true, 200, "text/event-stream", [], events: ["[DONE]"]);

        RecordingStore.PathOf("/f", answer).Should().Be(Path.Combine("/f", "recorded", "simulated", "2026-12-01", "stream-cut.stream.json"));
        var escape = () => RecordingStore.PathOf("/f", answer with { Scenario = "../../contracts/x" });
        escape.Should().Throw<ArgumentException>();
    }

    private async Task<RecordedAnswer> Record(string baseUrl, string key, string scenario, bool streaming, string? recordedKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/chat/completions")
        {
            Content = new StringContent(new JsonObject
            {
                ["model"] = LiveSimulator.Model,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
                ["stream"] = streaming,
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", recordedKey ?? key);
        using var response = await _http.SendAsync(request);
        return await AnswerCapture.ReadAsync(response, "simulated", scenario, streaming, Day);
    }

    // Every request id and id the raw answer held: header values and "(request id: ...)" in messages, JSON "id" fields.
    private static IEnumerable<string> OriginalIds(RecordedAnswer raw)
    {
        foreach (var (name, value) in raw.Headers.Where(h => Scrubber.IsRequestIdHeader(h.Key))) yield return value;
        foreach (var text in new[] { raw.Body }.Concat(raw.Events ?? []).OfType<string>())
        {
            foreach (Match m in RequestIdText().Matches(text)) yield return m.Groups[1].Value;
            foreach (Match m in IdField().Matches(text)) yield return m.Groups[1].Value;
        }
    }

    private static RecordedAnswer Answer(string scenario, bool streaming, int status, string mediaType, Dictionary<string, string> headers, string? body = null, IReadOnlyList<string>? events = null) => new()
    {
        Provider = "simulated",
        Scenario = scenario,
        Mode = streaming ? RecordedAnswer.Streaming : RecordedAnswer.NonStreaming,
        Date = "2026-12-01",
        Status = status,
        MediaType = mediaType,
        Headers = headers,
        Body = body,
        Events = events,
    };

    [GeneratedRegex(@"request id: ([^)\s]+)")]
    private static partial Regex RequestIdText();

    [GeneratedRegex("\"id\":\"([^\"]+)\"")]
    private static partial Regex IdField();

    public void Dispose()
    {
        _http.Dispose();
        _fixtures.Dispose();
    }
}
