using System.Net;
using System.Text;

namespace CometApi.Simulation;

/// <summary>
/// An in-process stand-in provider for canary traffic: the n-th request to the primary host gets the n-th behaviour of the
/// mix (deterministic, no network, thousands of calls per second); every request to any other host is the
/// fallback provider answering pong. A "timeout" request hangs until the client gives up, and tells
/// <c>stalls</c> when it starts hanging.
/// </summary>
public sealed class TrafficMixHandler(string primaryHost, IReadOnlyList<string> behaviours, StallSignals? stalls = null) : HttpMessageHandler
{
    private static readonly string Pong = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "bodies", "chat-pong.json"));
    private int _next = -1;

    /// <summary>Expands "ok:36,timeout:4" into 40 behaviours, spread evenly rather than in blocks.</summary>
    public static IReadOnlyList<string> Mix(string spec)
    {
        var parts = spec.Split(',').Select(p => p.Split(':')).Select(p => (Name: p[0], Count: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var total = parts.Sum(p => p.Count);
        return parts.SelectMany(p => Enumerable.Range(0, p.Count).Select(i => (p.Name, Slot: (i + 0.5) / p.Count)))
            .OrderBy(b => b.Slot).Select(b => b.Name).Take(total).ToList();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.Host != primaryHost) return Json(HttpStatusCode.OK, Pong);
        var behaviour = behaviours[Interlocked.Increment(ref _next) % behaviours.Count];
        switch (behaviour)
        {
            case "ok": return Json(HttpStatusCode.OK, Pong);
            case "ok-no-usage": return Json(HttpStatusCode.OK, """{"id":"c","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"pong"},"finish_reason":"stop"}]}""");
            case "unknown-shape": return Json(HttpStatusCode.OK, """{"choice":[{"msg":"pong"}]}""");
            case "auth": return Json(HttpStatusCode.Unauthorized, """{"error":{"message":"invalid token (request id: mix-401)","type":"comet_api_error","code":""}}""");
            case "unavailable": return Json(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"busy (request id: mix-503)","type":"comet_api_error","code":""}}""");
            case "timeout":
                stalls?.Stalled(0);
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            default: throw new InvalidOperationException($"unknown behaviour '{behaviour}'");
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
