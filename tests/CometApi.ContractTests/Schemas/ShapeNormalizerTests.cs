using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Shapes;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4, the shape normalizer: deterministic (values and member order do not matter), scrubbed (no ids, text, counts,
/// request ids or model dates), and sensitive to what matters (a type, a member, presence, the order of stream
/// events), with a field-level diff.
/// </summary>
[Checklist("CL4")]
public sealed class ShapeNormalizerTests
{
    private const string Answer = """
        {"id":"chatcmpl-7f3a","object":"chat.completion","created":1764000000,"model":"gpt-5.4-mini-2026-03-17",
         "choices":[{"index":0,"message":{"role":"assistant","content":"pong"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":19,"completion_tokens":1,"total_tokens":20}}
        """;

    private static string Shape(string body, string mediaType = "application/json", int status = 200) =>
        ShapeNormalizer.Normalize(new CapturedResponse(status, mediaType, body));

    [Fact]
    public void Values_and_member_order_do_not_change_a_shape()
    {
        var other = """
            {"usage":{"total_tokens":9,"completion_tokens":4,"prompt_tokens":5},"model":"gpt-5.4-mini-2025-01-31",
             "choices":[{"finish_reason":"stop","message":{"content":"something else entirely","role":"assistant"},"index":0}],
             "created":1,"object":"chat.completion","id":"chatcmpl-other"}
            """;

        Shape(other).Should().Be(Shape(Answer));
    }

    [Fact]
    public void A_shape_lists_sorted_paths_with_kinds_and_keeps_only_enumerated_values()
    {
        Shape(Answer).Should().Be("""
            status: 200
            content-type: application/json
            body: JSON
            $: object
            $.choices: array
            $.choices[]: object
            $.choices[].finish_reason: "stop"
            $.choices[].index: integer
            $.choices[].message: object
            $.choices[].message.content: string
            $.choices[].message.role: "assistant"
            $.created: integer
            $.id: string
            $.model: string
            $.object: "chat.completion"
            $.usage: object
            $.usage.completion_tokens: integer
            $.usage.prompt_tokens: integer
            $.usage.total_tokens: integer

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Ids_text_counts_request_ids_keys_and_prompts_never_reach_a_shape()
    {
        var key = LeakMarkers.NewApiKey();
        var body = $$$"""
            {"id":"chatcmpl-secret-42","created":1764000123,"model":"gpt-5.4-mini-2026-03-17",
             "choices":[{"message":{"role":"assistant","content":"{{{LeakMarkers.PromptMarker}}} {{{key}}}"}}],
             "usage":{"prompt_tokens":777},
             "error":{"message":"failed (request id: 2026112408050012345678)","type":"comet_api_error","code":""}}
            """;

        var shape = Shape(body);

        shape.Should().NotContainAny("chatcmpl-secret-42", "1764000123", "2026-03-17", "777", "2026112408050012345678", LeakMarkers.PromptMarker, key);
        shape.Should().Contain("$.error.type: \"comet_api_error\"").And.Contain("$.error.code: \"\"");
    }

    [Fact]
    public void A_member_missing_from_some_array_items_is_marked_absent()
    {
        var body = """{"choices":[{"index":0,"logprobs":null},{"index":1}]}""";

        Shape(body).Should().Contain("$.choices[].logprobs: null | absent").And.Contain("$.choices[].index: integer\n");
    }

    [Fact]
    public void Empty_strings_arrays_and_objects_are_told_apart_from_filled_ones()
    {
        var shape = Shape("""{"a":"","b":[],"c":{},"d":"x","e":[1],"f":{"g":1},"h":1.5,"i":true}""");

        shape.Should().Contain("$.a: string (empty)").And.Contain("$.b: array (empty)").And.Contain("$.c: object (empty)")
            .And.Contain("$.d: string\n").And.Contain("$.e: array\n").And.Contain("$.f: object\n")
            .And.Contain("$.h: number").And.Contain("$.i: boolean");
    }

    [Theory]
    [InlineData(null, "text/html", "body: none")]
    [InlineData("  ", "application/json", "body: empty")]
    [InlineData("<html><body>502</body></html>", "text/html", "body: HTML page (not JSON)")]
    [InlineData("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"po", "application/json", "body: malformed JSON")]
    public void A_body_that_is_not_JSON_is_named_for_what_it_is(string? body, string mediaType, string expected)
    {
        ShapeNormalizer.Normalize(new CapturedResponse(502, mediaType, body)).Should().Be($"status: 502\ncontent-type: {mediaType}\n{expected}\n");
    }

    [Fact]
    public void A_stream_shows_each_run_of_same_shaped_events_once_so_the_number_of_deltas_does_not_matter()
    {
        static string Stream(params string[] contents) => Shape(
            """data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""" + "\n\n"
            + string.Concat(contents.Select(c => $$"""data: {"choices":[{"index":0,"delta":{"content":"{{c}}"},"finish_reason":null}]}""" + "\n\n"))
            + """data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\ndata: [DONE]\n\n",
            "text/event-stream");

        var shape = Stream("p", "o", "n", "g");

        shape.Should().Be(Stream("pong"));
        shape.Split('\n').Where(l => l.StartsWith(ShapeNormalizer.EventPrefix, StringComparison.Ordinal)).Should()
            .Equal("event: chunk", "event: chunk", "event: chunk", "event: [DONE]");
        shape.Should().EndWith("event: [DONE]\n");
    }

    [Fact]
    public void The_diff_names_added_removed_and_retyped_fields_and_changed_event_order()
    {
        var before = Shape("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1}}\n\ndata: [DONE]\n\n", "text/event-stream");
        var after = Shape("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":\"1\",\"cost\":0.1}}\n\n", "text/event-stream");

        ShapeDiff.Describe(before, after).Should().Equal(
            "events: [chunk, [DONE]] -> [chunk]",
            "event 1 (chunk): added $.usage.cost: number",
            "event 1 (chunk): changed $.usage.prompt_tokens: integer -> string",
            "event 2 ([DONE]): removed event");
    }

    [Fact]
    public void The_diff_reports_an_inserted_or_dropped_event_as_such_not_as_a_change_to_every_later_one()
    {
        const string role = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n";
        const string text = "data: {\"choices\":[{\"delta\":{\"content\":\"po\"}}]}\n\n";
        const string usage = "data: {\"choices\":[],\"usage\":{}}\n\n";
        const string done = "data: [DONE]\n\n";
        var before = Shape(role + text + usage + done, "text/event-stream");

        ShapeDiff.Describe(before, Shape(role + usage + done, "text/event-stream")).Should().Equal(
            "events: [chunk, chunk, chunk, [DONE]] -> [chunk, chunk, [DONE]]",
            "event 2 (chunk): removed event");
        ShapeDiff.Describe(Shape(role + text + done, "text/event-stream"), before).Should().Equal(
            "events: [chunk, chunk, [DONE]] -> [chunk, chunk, chunk, [DONE]]",
            "event 3 (chunk): added event",
            "event 3 (chunk): added $: object",
            "event 3 (chunk): added $.choices: array (empty)",
            "event 3 (chunk): added $.usage: object (empty)");
    }
}
