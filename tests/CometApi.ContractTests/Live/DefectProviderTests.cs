using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CometApi.DefectProvider;

namespace CometApi.ContractTests.Live;

/// <summary>The defect provider itself: healthy it answers like an OpenAI-compatible API; each defect changes only what it names.</summary>
public sealed class DefectProviderTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Healthy_it_answers_pong_with_usage_and_a_request_id_and_counts_requests()
    {
        await using var server = await DefectProviderServer.StartAsync();

        using var response = await Http.SendAsync(Chat(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, stream: false));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("x-request-id").Single().Should().Be("defect-req-0001");
        doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString().Should().Be("pong");
        doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32().Should().Be(1);
        server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Healthy_it_streams_deltas_a_finish_reason_usage_and_done()
    {
        await using var server = await DefectProviderServer.StartAsync();

        using var response = await Http.SendAsync(Chat(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, stream: true));
        var body = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        body.Should().Contain("\"content\":\"po\"").And.Contain("\"content\":\"ng\"").And.Contain("\"finish_reason\":\"stop\"")
            .And.Contain("\"usage\"").And.EndWith("data: [DONE]\n\n");
    }

    [Theory]
    [InlineData(null, 401, "provide an API key")]
    [InlineData("wrong-key", 401, "invalid_api_key")]
    [InlineData(DefectProviderServer.ValidKey, 404, "model_not_found")]
    public async Task Healthy_it_refuses_missing_and_wrong_keys_and_names_an_unknown_model(string? key, int status, string says)
    {
        await using var server = await DefectProviderServer.StartAsync();

        using var response = await Http.SendAsync(Chat(server.BaseUrl, key, "no-such-model", stream: false));

        ((int)response.StatusCode).Should().Be(status);
        (await response.Content.ReadAsStringAsync()).Should().Contain(says);
    }

    [Fact]
    public async Task Wrong_base_path_serves_under_api_v2_and_answers_404_on_v1()
    {
        await using var server = await DefectProviderServer.StartAsync(Defect.WrongBasePath);

        using var v1 = await Http.SendAsync(Chat(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, stream: false));
        using var v2 = await Http.SendAsync(Chat(server.Url + "/api/v2", DefectProviderServer.ValidKey, DefectProviderServer.Model, stream: false));

        v1.StatusCode.Should().Be(HttpStatusCode.NotFound);
        v2.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Html_errors_answer_401_as_an_html_page_and_missing_request_id_drops_the_header()
    {
        await using var html = await DefectProviderServer.StartAsync(Defect.HtmlErrors);
        await using var noId = await DefectProviderServer.StartAsync(Defect.MissingRequestId);

        using var refused = await Http.SendAsync(Chat(html.BaseUrl, "wrong-key", DefectProviderServer.Model, stream: false));
        using var answered = await Http.SendAsync(Chat(noId.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, stream: false));

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        answered.Headers.Contains("x-request-id").Should().BeFalse();
    }

    [Fact]
    public async Task A_stalled_stream_says_so_before_it_holds_the_answer_and_ends_when_the_client_leaves()
    {
        await using var server = await DefectProviderServer.StartAsync(Defect.StalledStream);
        var stalling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Stalling = () => stalling.TrySetResult();
        using var leave = new CancellationTokenSource();

        using var response = await Http.SendAsync(Chat(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, stream: true),
            HttpCompletionOption.ResponseHeadersRead, leave.Token);
        await stalling.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var reading = response.Content.ReadAsStringAsync(leave.Token);
        await leave.CancelAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await FluentActions.Awaiting(() => reading).Should().ThrowAsync<OperationCanceledException>();
    }

    internal static HttpRequestMessage Chat(string baseUrl, string? key, string model, bool stream)
    {
        var body = JsonSerializer.Serialize(new
        {
            model, stream, stream_options = stream ? new { include_usage = true } : null,
            messages = new[] { new { role = "user", content = "Return the word pong." } },
        });
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
