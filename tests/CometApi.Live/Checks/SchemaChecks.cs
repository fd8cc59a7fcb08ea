using CometApi.Reliability;

namespace CometApi.Live.Checks;

/// <summary>CL4.request.malformed-refused: the client refuses a request without messages; the provider's own answer to it is invalid_request.</summary>
public sealed class MalformedRequestCheck : ILiveCheck
{
    public string Id => "CL4.request.malformed-refused";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var client = context.Client();
        var broken = context.Session.PongRequest() with { Messages = null! };

        var local = await client.CompleteAsync(broken, cancellationToken).ConfigureAwait(false);
        if (local.Class != FailureClass.InvalidRequest || local.Attempts.Count != 0)
            return context.Fail("sent-locally-invalid", $"{Id}: the client did not refuse a request without messages before sending: {LiveCheckContext.Describe(local)}", local);

        var remote = await client.SendUncheckedAsync(broken, sendKey: true, cancellationToken).ConfigureAwait(false);
        return context.Expect(remote, FailureClass.InvalidRequest, "refused locally before sending; the provider's answer is invalid_request");
    }
}

/// <summary>CL4.response.stream: a streamed answer is an event stream of deltas ending with a finish reason.</summary>
public sealed class StreamCheck : ILiveCheck
{
    public string Id => "CL4.response.stream";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var deltas = new List<string>();
        ChatResult? call = null;
        await foreach (var e in context.Client().StreamAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false))
        {
            if (e.Content is { } text) deltas.Add(text);
            call = e.Result ?? call;
        }

        if (call is null) return context.Fail("no-result", $"{Id}: the stream ended without a result");
        if (!call.IsSuccess) return context.Fail(call.Class.WireName(), $"{Id}: the streamed request ended in {LiveCheckContext.Describe(call)}", call);
        var media = call.Metadata.Headers.TryGetValue("content-type", out var type) ? type : "(none)";
        if (!media.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
            return context.Fail("not-an-event-stream", $"{Id}: a streamed request was answered as {media}, not text/event-stream", call);
        if (deltas.Count == 0) return context.Fail("no-deltas", $"{Id}: the stream carried no content delta", call);
        if (string.IsNullOrEmpty(call.FinishReason)) return context.Fail("no-finish-reason", $"{Id}: the stream ended without a finish reason", call);
        if (call.Text != string.Concat(deltas)) return context.Fail("deltas-differ", $"{Id}: the deltas ({deltas.Count}) do not make up the result's text", call);
        return context.Pass(call, $"{deltas.Count} delta(s) as text/event-stream, finish reason {call.FinishReason}");
    }
}
