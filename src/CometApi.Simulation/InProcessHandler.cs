using System.Net;
using System.Net.Http.Headers;

namespace CometApi.Simulation;

/// <summary>
/// A stand-in provider inside the test process: the client's <see cref="HttpMessageHandler"/> hands each request to
/// <c>answer</c> with its 0-based number, and returns whatever it builds. The client cannot tell it from a socket.
/// </summary>
public sealed class InProcessHandler(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private int _requests;

    public InProcessHandler(Func<int, HttpResponseMessage> answer)
        : this((n, _, _) => Task.FromResult(answer(n)))
    {
    }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static HttpResponseMessage Respond(byte[] body, string mediaType, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(new ByteArrayContent(body), mediaType, status);

    /// <summary>A response whose body is read from <paramref name="body"/> as the client asks for it (no Content-Length).</summary>
    public static HttpResponseMessage Respond(Stream body, string mediaType, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(new StreamContent(body), mediaType, status);

    private static HttpResponseMessage Respond(HttpContent content, string mediaType, HttpStatusCode status)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        answer(Interlocked.Increment(ref _requests) - 1, request, cancellationToken);
}
