using CometApi.Reliability;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// The one place that decides which schema a fixture body is held to, from the response's media type and status
/// and the scenario's expected class and error code.
/// </summary>
public static class FixtureContract
{
    /// <summary>A whole (non-SSE) response body.</summary>
    public static BodyContract ForBody(FixtureResponse response, ScenarioExpectation expect)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(expect);
        if (response.IsHtml)
            return BodyContract.NotJson("an HTML page is outside the JSON contract; the failure policy classifies it");
        if (response.Status >= 400)
            return BodyContract.Conforms(ContractSchema.ErrorBody, $"HTTP {response.Status} carries an error body");
        if (response.IsFinal && expect.ErrorCode is not null)
            return BodyContract.Conforms(ContractSchema.ErrorBody, $"HTTP {response.Status} with an error body");
        if (expect.Class == FailureClass.UnknownShape.WireName())
            return BodyContract.Breaks(ContractSchema.ChatCompletionResponse, "a deliberately broken answer");
        return BodyContract.Conforms(ContractSchema.ChatCompletionResponse, "a chat completion");
    }

    /// <summary>One event of a stream; null for the <c>[DONE]</c> sentinel, which is not JSON.</summary>
    public static BodyContract? ForEvent(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (SseEvents.IsDone(data)) return null;
        return SseEvents.IsErrorFrame(data)
            ? BodyContract.Conforms(ContractSchema.ErrorBody, "an error frame inside a stream")
            : BodyContract.Conforms(ContractSchema.ChatCompletionChunk, "a stream chunk");
    }
}
