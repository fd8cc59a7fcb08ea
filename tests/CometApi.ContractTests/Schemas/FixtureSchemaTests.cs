using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Classification;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4: every fixture body (each mapping's response, each event of each SSE file, the provider body files) is held
/// to its schema: good ones conform, deliberately broken ones do not. Fixtures and schemas cannot drift apart.
/// </summary>
[Checklist("CL4")]
public sealed class FixtureSchemaTests
{
    private static FixtureCatalog Catalog => FixtureCatalog.Default;

    public static TheoryData<string, bool, string> Responses() => Rows(_ => true);

    public static TheoryData<string, bool, string> ChatAnswers() =>
        Rows(r => !r.Response.IsEventStream && FixtureContract.ForBody(r.Response, r.Expect).Schema == ContractSchema.ChatCompletionResponse);

    [Theory]
    [MemberData(nameof(Responses))]
    public void Every_fixture_body_conforms_to_its_schema_unless_it_is_deliberately_broken(string scenario, bool streaming, string source)
    {
        var (response, expect) = Find(scenario, streaming, source);

        if (response.IsEventStream)
        {
            var events = SseEvents.DataOf(response.Body!);
            events.Should().NotBeEmpty();
            for (var i = 0; i < events.Count; i++)
            {
                if (FixtureContract.ForEvent(events[i]) is not { } contract) continue;
                ContractSchemas.Validate(contract.Schema!.Value, events[i]).Errors.Should().BeEmpty($"event {i + 1} of {source} is {contract}");
            }

            return;
        }

        var body = FixtureContract.ForBody(response, expect);
        if (body.Schema is not { } schema)
        {
            JsonText.TryParse(response.Body).Should().BeNull($"{source} is declared {body}; a JSON body needs a schema");
            return;
        }

        var verdict = ContractSchemas.Validate(schema, response.Body);
        if (body.MustConform)
            verdict.Errors.Should().BeEmpty($"{source} {body}");
        else
            verdict.IsValid.Should().BeFalse($"{source} {body}");
    }

    [Theory]
    [MemberData(nameof(ChatAnswers))]
    public void The_client_parser_reads_every_answer_the_contract_promises_and_refuses_every_broken_one(string scenario, bool streaming, string source)
    {
        var (response, expect) = Find(scenario, streaming, source);
        var contract = FixtureContract.ForBody(response, expect);

        var parsed = ClientParser.Read(response.MediaType, response.Body);

        (parsed == BodyKind.Chat).Should().Be(contract.MustConform, $"{source} {contract}, and the client parser read it as {parsed}");
    }

    [Fact]
    public void The_broken_answers_fail_naming_the_field_that_broke()
    {
        var unknown = Catalog["unknown-shape-200"];

        var verdict = ContractSchemas.Validate(ContractSchema.ChatCompletionResponse, FixtureResponses.FinalOf(unknown, false, Catalog.Root)!.Body);

        verdict.Errors.Should().Contain("$.choices: PropertyRequired");
    }

    [Fact]
    public void The_models_list_fixture_conforms_and_a_model_without_an_id_does_not()
    {
        var body = File.ReadAllText(Path.Combine(Catalog.Root, ModelsFixture.ListBody));

        ContractSchemas.Validate(ContractSchema.ModelsList, body).Errors.Should().BeEmpty();
        ContractSchemas.Validate(ContractSchema.ModelsList, """{"object":"list","data":[{"object":"model"}]}""").Errors
            .Should().Contain("$.data[0].id: PropertyRequired");
    }

    private static (FixtureResponse Response, ScenarioExpectation Expect) Find(string scenario, bool streaming, string source)
    {
        var s = Catalog[scenario];
        return (FixtureResponses.Of(s, streaming, Catalog.Root).Single(r => r.Source == source), s.ExpectFor(streaming));
    }

    private static TheoryData<string, bool, string> Rows(Func<(FixtureResponse Response, ScenarioExpectation Expect), bool> where)
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var (scenario, streaming) in Catalog.Cases())
        {
            foreach (var response in FixtureResponses.Of(scenario, streaming, Catalog.Root))
            {
                if (where((response, scenario.ExpectFor(streaming)))) data.Add(scenario.Name, streaming, response.Source);
            }
        }

        return data;
    }
}
