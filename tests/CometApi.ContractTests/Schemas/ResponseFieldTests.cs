using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Classification;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4, field by field: starting from known-good bodies, which changes the schemas refuse (a required field gone,
/// a wrong type, a role or finish_reason outside the allowed values) and which they tolerate (provider extras,
/// optional fields absent). For answers, the client's parser is run alongside: it refuses every structural break
/// the schema refuses, and is more lenient only on values it does not depend on.
/// </summary>
[Checklist("CL4")]
public sealed class ResponseFieldTests
{
    private static readonly Lazy<string> Answer = new(() => File.ReadAllText(Path.Combine(FixtureCatalog.Default.Root, "bodies", "chat-pong.json")));

    private static readonly Lazy<string> Chunk = new(() =>
        SseEvents.DataOf(File.ReadAllText(Path.Combine(FixtureCatalog.Default.Root, "streams", "success-pong.sse")))[1]);

    private static readonly Lazy<string> Error = new(() =>
        FixtureResponses.FinalOf(FixtureCatalog.Default["bad-request-400"], false, FixtureCatalog.Default.Root)!.Body!);

    [Theory]
    [InlineData("set /id \"chatcmpl-x\"", true, true, null)]
    [InlineData("remove /choices", false, false, "$.choices: PropertyRequired")]
    [InlineData("set /choices []", false, false, "$.choices: TooFewItems")]
    [InlineData("set /choices {}", false, false, "$.choices: ArrayExpected")]
    [InlineData("remove /choices/0/message", false, false, "$.choices[0].message: PropertyRequired")]
    [InlineData("set /choices/0/message/content 42", false, false, "$.choices[0].message.content: NoTypeValidates")]
    [InlineData("set /usage/prompt_tokens \"19\"", false, false, "$.usage.prompt_tokens: IntegerExpected")]
    [InlineData("remove /usage/total_tokens", false, true, "$.usage.total_tokens: PropertyRequired")]
    [InlineData("set /choices/0/message/role \"user\"", false, true, "$.choices[0].message.role: NotInEnumeration")]
    [InlineData("set /choices/0/finish_reason \"finished\"", false, true, "$.choices[0].finish_reason: NotInEnumeration")]
    [InlineData("set /object \"chat.completion.chunk\"", false, true, "$.object: NotInEnumeration")]
    [InlineData("set /obfuscation \"zQ\"", true, true, null)]
    [InlineData("set /usage/latency_checkpoint {\"first_token_ms\":12}", true, true, null)]
    [InlineData("set /model \"gpt-5.4-mini-2026-03-17\"", true, true, null)]
    [InlineData("set /usage/prompt_tokens_details {\"cached_tokens\":2,\"audio_tokens\":0}", true, true, null)]
    [InlineData("remove /usage/prompt_tokens_details", true, true, null)]
    [InlineData("remove /usage", true, true, null)]
    [InlineData("set /usage null", true, true, null)]
    [InlineData("set /choices/0/message/content null", true, true, null)]
    [InlineData("set /choices/0/message/refusal \"I can't help with that.\"", true, true, null)]
    [InlineData("set /choices/0/message/tool_calls [{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]", true, true, null)]
    public void A_chat_completion_keeps_what_the_client_reads_and_tolerates_what_providers_add(string mutation, bool schemaAccepts, bool parserAccepts, string? error)
    {
        var body = JsonMutation.Apply(Answer.Value, mutation);

        var verdict = ContractSchemas.Validate(ContractSchema.ChatCompletionResponse, body);
        var parsed = ClientParser.Read("application/json", body);

        verdict.IsValid.Should().Be(schemaAccepts, verdict.ToString());
        if (error is not null) verdict.Errors.Should().Contain(error);
        (parsed == BodyKind.Chat).Should().Be(parserAccepts, $"the parser read it as {parsed}");
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("length")]
    [InlineData("tool_calls")]
    [InlineData("content_filter")]
    [InlineData("function_call")]
    [InlineData(null)]
    public void Every_known_finish_reason_is_allowed_in_an_answer_and_a_chunk(string? finishReason)
    {
        var value = finishReason is null ? "null" : $"\"{finishReason}\"";

        ContractSchemas.Validate(ContractSchema.ChatCompletionResponse, JsonMutation.Apply(Answer.Value, $"set /choices/0/finish_reason {value}")).Errors.Should().BeEmpty();
        ContractSchemas.Validate(ContractSchema.ChatCompletionChunk, JsonMutation.Apply(Chunk.Value, $"set /choices/0/finish_reason {value}")).Errors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("set /choices []", true, null)]
    [InlineData("remove /choices", false, "$.choices: PropertyRequired")]
    [InlineData("remove /choices/0/delta", false, "$.choices[0].delta: PropertyRequired")]
    [InlineData("set /choices/0/delta/content 1", false, "$.choices[0].delta.content: NoTypeValidates")]
    [InlineData("set /choices/0/delta/role \"user\"", false, "$.choices[0].delta.role: NotInEnumeration")]
    [InlineData("set /choices/0/finish_reason \"done\"", false, "$.choices[0].finish_reason: NotInEnumeration")]
    [InlineData("set /object \"chat.completion\"", false, "$.object: NotInEnumeration")]
    [InlineData("set /usage {\"prompt_tokens\":19,\"completion_tokens\":2}", false, "$.usage.total_tokens: PropertyRequired")]
    [InlineData("set /usage null", true, null)]
    [InlineData("set /choices/0/logprobs null", true, null)]
    [InlineData("set /obfuscation \"k9\"", true, null)]
    [InlineData("set /choices/0/delta/refusal \"I can't\"", true, null)]
    public void A_stream_chunk_keeps_what_the_client_reads_and_tolerates_what_providers_add(string mutation, bool schemaAccepts, string? error)
    {
        var verdict = ContractSchemas.Validate(ContractSchema.ChatCompletionChunk, JsonMutation.Apply(Chunk.Value, mutation));

        verdict.IsValid.Should().Be(schemaAccepts, verdict.ToString());
        if (error is not null) verdict.Errors.Should().Contain(error);
    }

    [Theory]
    [InlineData("set /error/code \"invalid_request\"", true, null)]
    [InlineData("set /error/code 429", true, null)]
    [InlineData("set /error/code null", true, null)]
    [InlineData("remove /error/param", true, null)]
    [InlineData("set /error/request_id \"req-1\"", true, null)]
    [InlineData("remove /error/message", false, "$.error.message: PropertyRequired")]
    [InlineData("set /error/code {}", false, "$.error.code: NoTypeValidates")]
    [InlineData("set /error \"upstream failed\"", false, "$.error: ObjectExpected")]
    [InlineData("remove /error", false, "$.error: PropertyRequired")]
    public void An_error_body_keeps_message_type_and_code_readable(string mutation, bool schemaAccepts, string? error)
    {
        var verdict = ContractSchemas.Validate(ContractSchema.ErrorBody, JsonMutation.Apply(Error.Value, mutation));

        verdict.IsValid.Should().Be(schemaAccepts, verdict.ToString());
        if (error is not null) verdict.Errors.Should().Contain(error);
    }
}
