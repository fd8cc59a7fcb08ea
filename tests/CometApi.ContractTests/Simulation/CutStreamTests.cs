using System.Net;
using System.Text;
using WireMock.RequestBuilders;

namespace CometApi.ContractTests.Simulation;

/// <summary>
/// A cut stream (<see cref="SseEnd.Abort"/>) reaches the client whole and then ends without its last chunk, however
/// busy the server is: the cut is never allowed to overtake the events (the stream-cut flake of issue 8).
/// Proven with plain HttpClient requests, no client policy in between.
/// </summary>
public sealed class CutStreamTests : IDisposable
{
    private const string Sse = "data: {\"n\":1}\n\ndata: {\"n\":2,\"text\":\"po\"}\n\n";
    private readonly WireMock.Server.WireMockServer _server = LoopbackServer.Start();
    private readonly HttpClient _http = new();

    public CutStreamTests()
    {
        _server.Given(Request.Create().WithPath("/cut").UsingPost())
            .RespondWith(new TimedSseResponder(Sse, SseEnd.Abort, headers: new Dictionary<string, string> { ["x-request-id"] = "req-cut" }));
    }

    [Fact]
    public async Task The_head_is_a_streaming_200_with_the_scenario_headers()
    {
        using var response = await SendAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        response.Headers.GetValues("x-request-id").Should().Equal("req-cut");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        response.Headers.TransferEncodingChunked.Should().BeTrue();
    }

    [Fact]
    public async Task Two_hundred_concurrent_cut_streams_each_deliver_every_event_and_then_end_without_their_last_chunk()
    {
        // Many connections at once keep Kestrel's output busy: the moment a cut used to overtake the last event.
        var reads = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => ReadUntilTheEndAsync()));

        reads.Should().OnlyContain(r => r.Text == Sse, "every event arrives before the cut");
        reads.Should().OnlyContain(r => r.Ending is HttpIOException, "the body ends without its terminating chunk, never cleanly");
    }

    private async Task<(string Text, Exception? Ending)> ReadUntilTheEndAsync()
    {
        using var response = await SendAsync();
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return (Encoding.UTF8.GetString(received.ToArray()), null);
        }
        catch (HttpIOException ended)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), ended);
        }
    }

    private Task<HttpResponseMessage> SendAsync() =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, _server.Url + "/cut") { Content = new StringContent("{}") }, HttpCompletionOption.ResponseHeadersRead);

    public void Dispose()
    {
        _http.Dispose();
        _server.Stop();
        _server.Dispose();
    }
}
