using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Sections;

/// <summary>CT: every row of the contract details table is known (each unknown row is a launch blocker).</summary>
[Checklist("CT")]
public sealed class ContractDetailsTests
{
    [Fact]
    public void Endpoint_paths_auth_header_and_content_types_are_recorded()
    {
        var p = TestContracts.Profile;
        new Uri(p.DefaultBaseUrl.Value).Scheme.Should().Be("https");
        p.ChatCompletionsPath.Value.Should().Be("chat/completions");
        p.ModelsPath.Value.Should().Be("models");
        p.AuthHeader.Value.Should().Be("Authorization");
        p.AuthScheme.Value.Should().Be("Bearer");
        p.ContentType.Value.Should().Be("application/json");
        p.StreamContentType.Value.Should().Be("text/event-stream");
    }

    [Fact]
    public void Error_behaviour_rate_limit_and_billing_assumptions_are_recorded()
    {
        var p = TestContracts.Profile;
        p.ErrorBody.Value.Should().Contain("comet_api_error");
        p.DocumentedStatuses.Value.Should().Contain([400, 401, 429, 500, 503]);
        p.RateLimits.Value.Should().NotBeNullOrWhiteSpace();
        p.Billing.Value.Should().Contain("prompt_tokens").And.Contain("completion_tokens");
        p.ApiKeyVariables.Value.Should().Equal("COMETAPI_API_KEY", "COMETAPI_KEY");
    }

    [Fact]
    public void The_request_id_pattern_reads_CometAPIs_message_form()
    {
        var match = new System.Text.RegularExpressions.Regex(TestContracts.Profile.RequestIdInErrorMessage!.Value)
            .Match("Invalid token (request id: 20261124080910123456789abcdef)");

        match.Groups["id"].Value.Should().Be("20261124080910123456789abcdef");
    }

    [LiveFact]
    public async Task Live_the_models_list_answers_with_the_openai_list_shape()
    {
        var session = LiveSession.Require(requests: 1);
        using var http = session.CreateHttpClient();
        using var request = session.Authorized(new HttpRequestMessage(HttpMethod.Get, session.BaseUrl.TrimEnd('/') + "/" + LiveContracts.Profile.ModelsPath.Value));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var seen = Observations.From(response, System.Diagnostics.Stopwatch.GetElapsedTime(started), LiveContracts.Profile.RequestIdHeaders.Value);
        EvidenceChannel.Publish(new EvidenceRecord
        {
            Id = "CT.models-list",
            Target = session.Target,
            HttpStatus = seen.HttpStatus,
            Attempts = 1,
            DurationMs = seen.DurationMs ?? 0,
            RequestIds = seen.RequestId is { } id ? [id] : [],
            Observations = seen,
        });

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        doc.RootElement.GetProperty("object").GetString().Should().Be("list");
        var models = doc.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        models.Should().NotBeEmpty().And.OnlyContain(id => !string.IsNullOrEmpty(id));
        body.Should().NotContain(session.ApiKey);
    }
}
