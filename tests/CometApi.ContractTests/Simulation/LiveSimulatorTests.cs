using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Text;
using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Simulation;

/// <summary>
/// The embedded live simulator answers like CometAPI, proven with plain HttpClient requests (no client policy in
/// between): statuses, bodies, headers and request ids, and that only the valid fake key gets a pong.
/// </summary>
public sealed class LiveSimulatorTests(LiveSimulator simulator) : IClassFixture<LiveSimulator>, IDisposable
{
    private const string Pong = """{"model":"gpt-5.4-mini","messages":[{"role":"user","content":"Return the word pong and no other text."}],"temperature":0,"max_tokens":16}""";
    private const string StreamPong = """{"model":"gpt-5.4-mini","messages":[{"role":"user","content":"Return the word pong and no other text."}],"stream":true,"stream_options":{"include_usage":true}}""";
    private const string NoMessages = """{"model":"gpt-5.4-mini","temperature":0}""";
    private const string UnknownModel = $$"""{"model":"{{LiveSimulator.UnknownModel}}","messages":[{"role":"user","content":"ping"}]}""";

    private readonly HttpClient _http = new();

    [Fact]
    public void It_listens_on_loopback_and_loads_every_mapping_file_of_its_folder()
    {
        var url = new Uri(simulator.Url);
        url.IsLoopback.Should().BeTrue();
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(l => l.Port == url.Port)
            .Should().NotBeEmpty().And.OnlyContain(l => IPAddress.IsLoopback(l.Address), "nothing off the machine may reach the simulator");
        simulator.BaseUrl.Should().Be(simulator.Url + "/v1");
        simulator.MappingFiles.Select(Path.GetFileName).Should()
            .BeEquivalentTo(Directory.GetFiles(LiveSimulator.DefaultMappingsFolder, "*.json").Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_without_mappings_is_refused()
    {
        var empty = Directory.CreateTempSubdirectory("live-sim-empty-");
        try
        {
            var act = () => LiveSimulator.Start(empty.FullName);

            act.Should().Throw<InvalidOperationException>().WithMessage("*No mapping files*");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_request_without_a_key_gets_401_missing_api_key()
    {
        using var response = await Chat(key: null, Pong);

        var error = await ErrorOf(response, HttpStatusCode.Unauthorized);
        error["message"]!.GetValue<string>().Should().Be("Missing API key (request id: sim-live-req-401-missing)");
        error["code"]!.GetValue<string>().Should().BeEmpty();
        error["param"]!.GetValue<string>().Should().BeEmpty();
    }

    [Theory]
    [InlineData("Bearer sk-not-a-real-key-000000000000")]
    [InlineData("Bearer malformed")]
    [InlineData("Bearer sim-live-valid-key-00012")]
    [InlineData("Bearer")]
    [InlineData("sim-live-valid-key-0001")]
    [InlineData("Basic c2ltLWxpdmUtdmFsaWQta2V5LTAwMDE=")]
    public async Task A_malformed_or_unknown_key_gets_401_invalid_token(string authorization)
    {
        using var response = await Send(HttpMethod.Post, "/v1/chat/completions", authorization, Pong);

        var error = await ErrorOf(response, HttpStatusCode.Unauthorized);
        error["message"]!.GetValue<string>().Should().StartWith("Invalid token (request id: ");
        error["code"]!.GetValue<string>().Should().Be("invalid_api_key");
    }

    [Fact]
    public async Task The_revoked_key_gets_401_token_disabled_or_revoked()
    {
        using var response = await Chat(LiveSimulator.RevokedKey, Pong);

        var error = await ErrorOf(response, HttpStatusCode.Unauthorized);
        error["message"]!.GetValue<string>().Should().StartWith("This token has been disabled/revoked (request id: ");
    }

    [Theory]
    [InlineData(NoMessages)]
    [InlineData("""{"model":"gpt-5.4-mini","messages":[]}""")]
    [InlineData("not json at all")]
    public async Task A_valid_key_without_messages_gets_CometApis_500_invalid_request(string body)
    {
        using var response = await Chat(LiveSimulator.ValidKey, body);

        var error = await ErrorOf(response, HttpStatusCode.InternalServerError);
        error["code"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_unknown_model_gets_CometApis_503_model_not_found(bool streaming)
    {
        var body = streaming ? UnknownModel.Replace("}]}", "}],\"stream\":true}", StringComparison.Ordinal) : UnknownModel;
        using var response = await Chat(LiveSimulator.ValidKey, body);

        var error = await ErrorOf(response, HttpStatusCode.ServiceUnavailable);
        error["code"]!.GetValue<string>().Should().Be("model_not_found");
        error["message"]!.GetValue<string>().Should().Be(
            "no available channel for group default and model cometapi-contract-suite-unknown-model (distributor) (request id: sim-live-req-503-model)");
    }

    [Fact]
    public async Task The_valid_key_gets_the_json_pong_completion()
    {
        using var response = await Chat(LiveSimulator.ValidKey, Pong);

        var body = JsonNode.Parse(await SuccessOf(response, "application/json", "sim-live-req-200-pong"))!;
        body["object"]!.GetValue<string>().Should().Be("chat.completion");
        body["model"]!.GetValue<string>().Should().Be("gpt-5.4-mini-2026-03-17");
        body["choices"]![0]!["message"]!["content"]!.GetValue<string>().Should().Be("pong");
        body["choices"]![0]!["finish_reason"]!.GetValue<string>().Should().Be("stop");
        body["usage"]!["total_tokens"]!.GetValue<int>().Should().Be(20);
    }

    [Fact]
    public async Task The_valid_key_with_stream_true_gets_the_pong_event_stream()
    {
        using var response = await Chat(LiveSimulator.ValidKey, StreamPong);

        var data = (await SuccessOf(response, "text/event-stream", "sim-live-req-200-stream")).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Should().StartWith("data: ").And.Subject[6..]).ToList();
        data[^1].Should().Be("[DONE]");
        var chunks = data.SkipLast(1).Select(d => JsonNode.Parse(d)!).ToList();
        chunks.Should().AllSatisfy(c => c["object"]!.GetValue<string>().Should().Be("chat.completion.chunk"));
        chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>().Should().Be("assistant");
        string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray())
            .Select(choice => choice!["delta"]?["content"]?.GetValue<string>())).Should().Be("pong");
        chunks.SelectMany(c => c["choices"]!.AsArray()).Select(choice => choice!["finish_reason"]?.GetValue<string>())
            .Where(f => f is not null).Should().Equal("stop");
        chunks[^1]["choices"]!.AsArray().Should().BeEmpty("the usage chunk carries no choices");
        chunks[^1]["usage"]!["total_tokens"]!.GetValue<int>().Should().Be(21);
    }

    [Fact]
    public async Task Models_are_listed_for_the_valid_key_only()
    {
        using var listed = await Send(HttpMethod.Get, "/v1/models", Bearer(LiveSimulator.ValidKey));
        using var anonymous = await Send(HttpMethod.Get, "/v1/models", authorization: null);
        using var revoked = await Send(HttpMethod.Get, "/v1/models", Bearer(LiveSimulator.RevokedKey));

        var body = JsonNode.Parse(await SuccessOf(listed, "application/json", "sim-live-req-200-models"))!;
        body["object"]!.GetValue<string>().Should().Be("list");
        body["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Should().Contain(LiveSimulator.Model);
        body["data"]!.AsArray().Should().AllSatisfy(m => m!["object"]!.GetValue<string>().Should().Be("model"));
        (await ErrorOf(anonymous, HttpStatusCode.Unauthorized))["message"]!.GetValue<string>().Should().StartWith("Missing API key");
        await ErrorOf(revoked, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("POST", "/v1/chat/completion")]
    [InlineData("POST", "/chat/completions")]
    [InlineData("POST", "/v1/chat/completions/")]
    [InlineData("GET", "/v1/model")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/v1/responses")]
    public async Task Any_other_path_gets_a_404_json_error_with_or_without_a_key(string method, string path)
    {
        using var withKey = await Send(new HttpMethod(method), path, Bearer(LiveSimulator.ValidKey), method == "POST" ? Pong : null);
        using var withoutKey = await Send(new HttpMethod(method), path, authorization: null, method == "POST" ? Pong : null);

        (await ErrorOf(withKey, HttpStatusCode.NotFound))["type"]!.GetValue<string>().Should().Be("invalid_request_error");
        await ErrorOf(withoutKey, HttpStatusCode.NotFound);
    }

    public static TheoryData<string?> NotTheValidKey => new()
    {
        null, LiveSimulator.RevokedKey, LeakMarkers.NewApiKey(), LiveSimulator.ValidKey + "x", LiveSimulator.ValidKey.ToUpperInvariant(), "sim-live-valid-key-0002",
    };

    [Theory]
    [MemberData(nameof(NotTheValidKey))]
    public async Task Only_the_valid_key_gets_pong(string? key)
    {
        using var response = await Chat(key, Pong);
        using var valid = await Chat(LiveSimulator.ValidKey, Pong);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("pong");
        valid.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public void Dispose() => _http.Dispose();

    private static string Bearer(string key) => "Bearer " + key;

    private Task<HttpResponseMessage> Chat(string? key, string body) =>
        Send(HttpMethod.Post, "/v1/chat/completions", key is null ? null : Bearer(key), body);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? authorization, string? body = null)
    {
        using var request = new HttpRequestMessage(method, simulator.Url + path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization).Should().BeTrue();
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return await _http.SendAsync(request);
    }

    private static string? RequestIdHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var values) ? values.Single() : null;

    /// <summary>Asserts a 200 with the content type and request id header; returns the body.</summary>
    private static async Task<string> SuccessOf(HttpResponseMessage response, string mediaType, string requestId)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        RequestIdHeader(response).Should().Be(requestId);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Asserts the status and CometAPI's error body shape, and that the request id is both in <c>x-request-id</c>
    /// and in the message as <c>(request id: ...)</c>; returns the <c>error</c> object.
    /// </summary>
    private static async Task<JsonObject> ErrorOf(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();
        error.Select(p => p.Key).Should().BeEquivalentTo("message", "type", "param", "code");
        error["type"]!.GetValue<string>().Should().BeOneOf("comet_api_error", "invalid_request_error");
        var id = RequestIdHeader(response);
        id.Should().NotBeNullOrEmpty("every response carries a request id");
        error["message"]!.GetValue<string>().Should().EndWith($"(request id: {id})");
        return error;
    }
}
