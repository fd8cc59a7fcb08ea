using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CometApi.Simulation;

/// <summary>
/// Answers that echo the caller's key back in every place an answer can hold text: error message, code, type and
/// param, request-id and rate-limit headers, an HTML page, a redirect URL, an SSE error frame. What the client keeps
/// of such an answer must not hold the key.
/// </summary>
public static class KeyEcho
{
    public static IReadOnlyDictionary<string, Action<WireMockServer, string>> Answers { get; } = new Dictionary<string, Action<WireMockServer, string>>(StringComparer.Ordinal)
    {
        ["401 with the key in every error field and header"] = (s, key) => ErrorBody(s, key, HttpStatusCode.Unauthorized),
        ["500 (retried) with the key in every error field and header"] = (s, key) => ErrorBody(s, key, HttpStatusCode.InternalServerError),
        ["200 carrying an error body that echoes the key"] = (s, key) => ErrorBody(s, key, HttpStatusCode.OK),
        ["an HTML page quoting the key"] = (s, key) => s.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(502)
            .WithHeader("Content-Type", "text/html").WithBody($"<html><body>Bad gateway for Authorization: Bearer {key}</body></html>")),
        ["a redirect to a URL holding the key"] = (s, key) => s.Given(Request.Create().UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(HttpStatusCode.TemporaryRedirect).WithHeader("Location", $"https://elsewhere.example.test/v1?key={key}&x=1")),
        ["an SSE error frame echoing the key"] = (s, key) => s.Given(Request.Create().UsingPost()).RespondWith(new TimedSseResponder(
            $"data: {{\"error\":{{\"message\":\"key {key} is revoked\",\"type\":\"{key}\",\"code\":\"{key}\"}}}}\n\n",
            headers: new Dictionary<string, string> { ["x-request-id"] = key })),
    };

    public static void ErrorBody(WireMockServer server, string key, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithHeader("x-request-id", key)
            .WithHeader("x-ratelimit-remaining-requests", key)
            .WithBody($$$"""{"error":{"message":"Incorrect API key provided: {{{key}}} (request id: {{{key}}})","type":"{{{key}}}","param":"{{{key}}}","code":"{{{key}}}"}}"""));
    }
}
