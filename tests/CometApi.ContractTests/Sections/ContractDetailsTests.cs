using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Live;
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
    public Task Live_the_models_list_answers_with_the_openai_list_shape() =>
        LiveCheckReport.ReportAsync("CT.models-list");
}
