using System.Net.Http.Headers;
using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Live;
using CometApi.Reliability.Client;

namespace CometApi.ContractTests.Shapes;

/// <summary>
/// The live shape source (COMETAPI_LIVE=1): the few cases a provider answers on demand, captured raw from the
/// live target through the request budget, and judged by the same reviewed snapshots as the fixtures. A nightly
/// mismatch here is drift.
/// </summary>
public sealed class LiveShapeSource : IShapeSource
{
    public IReadOnlyList<ShapeCase> Cases { get; } =
    [
        ShapeCase.Chat("success-pong", streaming: false),
        ShapeCase.Chat("success-pong", streaming: true),
        ShapeCase.Chat("auth-missing-key-401", streaming: false),
        new(ShapeCase.Models, ShapeCase.NonStreaming, FixtureShapeSource.ModelsListScenario),
    ];

    /// <summary>The provider the live run was pointed at (COMETAPI_PROVIDER): its answers are judged by its own reviewed shapes.</summary>
    public string Provider => LiveSettings.Current.Provider;

    public async Task<CapturedResponse> CaptureAsync(ShapeCase shapeCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shapeCase);
        await LiveEndpointGate.RequireWorkingEndpointAsync(); // a wrong base URL or key is reported once, by CL2.minimal-request
        var session = LiveSession.Require(requests: 1);
        using var http = session.CreateHttpClient();
        using var request = Request(session, shapeCase);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        // The shape test's own evidence record: its id stays the test's, its target is the live one it really hit.
        var seen = Observations.From(response, System.Diagnostics.Stopwatch.GetElapsedTime(started), TestContracts.Profile.RequestIdHeaders.Value);
        EvidenceChannel.Publish(new EvidenceRecord
        {
            Target = session.Target,
            HttpStatus = seen.HttpStatus,
            Attempts = 1,
            DurationMs = seen.DurationMs ?? 0,
            RequestIds = seen.RequestId is { } id ? [id] : [],
            Observations = seen,
        });
        return new CapturedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", body);
    }

    private static HttpRequestMessage Request(LiveSession session, ShapeCase shapeCase)
    {
        var baseUrl = session.BaseUrl.TrimEnd('/') + "/";
        if (shapeCase.Endpoint == ShapeCase.Models)
            return session.Authorized(new HttpRequestMessage(HttpMethod.Get, baseUrl + LiveContracts.Profile.ModelsPath.Value));

        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + LiveContracts.Profile.ChatCompletionsPath.Value)
        {
            Content = new ByteArrayContent(RequestBody.Serialize(session.PongRequest(), session.Model, shapeCase.IsStreaming)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return shapeCase.Scenario == "auth-missing-key-401" ? request : session.Authorized(request);
    }
}
