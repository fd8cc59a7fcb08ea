using System.Text;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4, request side: the client's hand-written RequestValidator (which stays on the request path, the schema does
/// not) and the request schema accept and refuse the same requests; a refused request never leaves the client.
/// </summary>
[Checklist("CL4")]
public sealed class RequestSchemaTests
{
    public static TheoryData<string> Examples => RequestExamples.Names();

    public static TheoryData<string> InvalidExamples => RequestExamples.Names(valid: false);

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_validator_and_the_request_schema_agree_on_every_example(string name)
    {
        var example = RequestExamples.All[name];
        var validatorErrors = RequestValidator.Validate(example.Request, example.Request.Model ?? RequestExamples.ConfiguredModel);

        foreach (var streaming in new[] { false, true })
        {
            var body = Encoding.UTF8.GetString(RequestBody.Serialize(example.Request, RequestExamples.ConfiguredModel, streaming));
            var verdict = ContractSchemas.Validate(ContractSchema.ChatCompletionRequest, body);

            verdict.IsValid.Should().Be(example.Valid, $"the schema judges '{name}' (streaming {streaming}): {verdict}");
        }

        validatorErrors.Should().HaveCount(example.Valid ? 0 : 1, $"the validator judges '{name}'");
        if (example.ValidatorSays is { } says) validatorErrors.Should().ContainMatch($"*{says}*");
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public async Task A_request_that_breaks_the_contract_is_refused_as_invalid_request_before_anything_is_sent(string name)
    {
        var example = RequestExamples.All[name];
        using var world = new SimulatedCometApi();

        var result = await world.CreateClient().CompleteAsync(example.Request);

        result.Class.Should().Be(FailureClass.InvalidRequest);
        result.ValidationErrors.Should().ContainMatch($"*{example.ValidatorSays}*");
        result.Attempts.Should().BeEmpty();
        world.PrimaryAttempts.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":false,"stream_options":{"include_usage":true}}""", "$: NotAnyOf")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":"0"}""", "$.temperature: NumberExpected")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "$.model: PropertyRequired")]
    public void The_request_schema_also_refuses_what_only_a_hand_built_body_can_break(string body, string expected)
    {
        ContractSchemas.Validate(ContractSchema.ChatCompletionRequest, body).Errors.Should().Contain(expected);
    }

    [Fact]
    public async Task A_body_that_breaks_the_request_schema_fails_the_shared_request_check_naming_the_field_but_not_the_prompt()
    {
        using var world = new SimulatedCometApi();
        using var http = new HttpClient();
        var body = $$"""{"model":"m","messages":[],"note":"{{LeakMarkers.PromptMarker}} {{world.ApiKey}}"}""";

        await http.PostAsync(world.ChatEndpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        var check = () => world.ShouldHaveSentOnlyContractRequests();

        check.Should().Throw<Exception>().Which.Message.Should()
            .Contain("$.messages: TooFewItems").And.NotContain(LeakMarkers.PromptMarker).And.NotContain(world.ApiKey);
    }
}
