using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace CometApi.Benchmarks;

/// <summary>
/// A transport whose one response is an SSE stream the benchmark writes into: bytes "arrive" exactly when the
/// benchmark writes them, with no socket, server or scheduler in between that is not also in a real read.
/// </summary>
internal sealed class PipeHandler : HttpMessageHandler
{
    private readonly Pipe _pipe = new();

    public PipeWriter Writer => _pipe.Writer;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(_pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
