using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CometApi.Benchmarks;

/// <summary>
/// The one provider every request benchmark talks to: a bare Kestrel app on loopback that drains the request and
/// writes pre-encoded bytes. No routing table, no request matching, no request log: WireMock.Net does all three
/// per request (and logs every request in memory), which would add its own cost and its own drift to each sample.
/// Started once by the host process, so every benchmark of a run hits the same server; the benchmark processes
/// find it through <see cref="UrlVariable"/>, and its allocations never count against the client under test.
/// </summary>
public sealed class LoopbackStub : IAsyncDisposable
{
    public const string UrlVariable = "COMETAPI_BENCH_STUB_URL";
    public const string PongPath = "/pong/v1/chat/completions";
    public const string LongStreamPath = "/long/v1/chat/completions";

    private readonly WebApplication _app;

    private LoopbackStub(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The running stub's base URL: the host's (through the environment) or, in-process, a fresh one.</summary>
    public static Uri Locate() =>
        Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url
            ? new Uri(url)
            : throw new InvalidOperationException($"{UrlVariable} is not set: run the benchmarks through Program.Main, which starts the stub.");

    public static async Task<LoopbackStub> StartAsync(StubBodies bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context => ServeAsync(context, bodies));
        await app.StartAsync().ConfigureAwait(false);
        return new LoopbackStub(app, new Uri(app.Urls.Single()));
    }

    private static async Task ServeAsync(HttpContext context, StubBodies bodies)
    {
        // A real provider reads the whole request before answering; so does the stub.
        await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
        var (body, mediaType) = context.Request.Path.Value switch
        {
            PongPath => (bodies.Pong, "application/json"),
            LongStreamPath => (bodies.LongStream, "text/event-stream"),
            _ => (null, null),
        };
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = mediaType;
        context.Response.Headers["x-request-id"] = "req-bench";
        if (mediaType == "application/json") context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
