using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;

namespace CometApi.Simulation;

/// <summary>
/// Where a mounted scenario answers. The suite mounts one scenario per server on the plain paths
/// (<see cref="Default"/>); the standalone simulator mounts every scenario on one server, each behind its
/// <see cref="SelectorHeader"/> value, with the request body's <c>stream</c> flag choosing the mode. Both go
/// through the same <see cref="ScenarioSimulator.Mount(WireMock.Server.WireMockServer, Scenario, bool, string, ScenarioRoute)"/>,
/// so the mapping files, SSE files and responders they serve are the same.
/// </summary>
public sealed record ScenarioRoute
{
    /// <summary>The request header that selects a scenario (the path prefix is turned into it before matching).</summary>
    public const string SelectorHeader = "X-Simulator-Scenario";

    /// <summary>Mapping priorities move this far down (WireMock: lower wins) so a selected scenario beats the healthy personality.</summary>
    public const int SelectedPriorityOffset = -1000;

    /// <summary>The mappings exactly as the files say: what the suite's one-scenario servers use.</summary>
    public static ScenarioRoute Default { get; } = new();

    /// <summary>The route of <paramref name="scenarioName"/> on the shared simulator.</summary>
    public static ScenarioRoute Selected(string scenarioName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenarioName);
        return new ScenarioRoute { ScenarioName = scenarioName };
    }

    /// <summary>The scenario name the route requires in <see cref="SelectorHeader"/>; null on the default route.</summary>
    public string? ScenarioName { get; private init; }

    public bool IsDefault => ScenarioName is null;

    /// <summary>The WireMock state-machine name a mapping's <c>Scenario</c> gets on this route: one state per selected scenario.</summary>
    public string StateName(string original) => IsDefault ? original : $"{ScenarioName}/{original}";

    /// <summary>The route applied to one static mapping (a copy; the file's JSON stays as it is).</summary>
    public JsonObject Apply(JsonObject mapping, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var routed = (JsonObject)mapping.DeepClone();
        if (IsDefault)
        {
            return routed;
        }

        var guid = routed["Guid"]?.GetValue<string>() ?? routed["Title"]?.GetValue<string>() ?? "";
        routed["Guid"] = StableGuid($"{ScenarioName}/{Mode(streaming)}/{guid}").ToString();
        routed["Priority"] = (routed["Priority"]?.GetValue<int>() ?? 0) + SelectedPriorityOffset;
        if (routed["Scenario"]?.GetValue<string>() is { } state)
        {
            routed["Scenario"] = StateName(state);
        }

        var request = routed["Request"] as JsonObject ?? throw new InvalidDataException($"Mapping '{guid}' has no Request.");
        if (request["Body"] is not null)
        {
            throw new InvalidDataException($"Mapping '{guid}' matches on the body; a selected route needs the body for the stream flag.");
        }

        request["Body"] = new JsonObject
        {
            ["Matcher"] = new JsonObject
            {
                ["Name"] = nameof(JsonPartialMatcher),
                ["Pattern"] = new JsonObject { ["stream"] = true },
                ["RejectOnMatch"] = !streaming,
            },
        };
        var headers = request["Headers"] as JsonArray ?? [];
        headers.Add(new JsonObject
        {
            ["Name"] = SelectorHeader,
            ["Matchers"] = new JsonArray(new JsonObject { ["Name"] = nameof(ExactMatcher), ["Pattern"] = ScenarioName, ["IgnoreCase"] = false }),
        });
        request["Headers"] = headers;
        return routed;
    }

    /// <summary>The request a responder mode answers on this route.</summary>
    public IRequestBuilder Request(bool streaming)
    {
        var request = WireMock.RequestBuilders.Request.Create().WithPath(Exactly(ScenarioSimulator.ChatCompletionsPath)).UsingPost();
        return IsDefault
            ? request
            : request.WithHeader(SelectorHeader, Exactly(ScenarioName!))
                .WithBody(new JsonPartialMatcher(streaming ? MatchBehaviour.AcceptOnMatch : MatchBehaviour.RejectOnMatch, new { stream = true }));
    }

    /// <summary>
    /// A matcher for exactly <paramref name="value"/>. WireMock's string overloads build a wildcard matcher, which is a
    /// compiled regular expression: about 7 ms of JIT per mapping, seconds over the suite's hundreds of servers.
    /// </summary>
    public static IStringMatcher Exactly(string value) => new ExactMatcher(value);

    /// <summary>The Guid of a responder mapping on this route.</summary>
    public Guid ResponderGuid(string scenarioName, bool streaming) =>
        StableGuid(IsDefault ? $"{scenarioName}/{Mode(streaming)}" : $"{ScenarioName}/{Mode(streaming)}/responder");

    /// <summary>The priority of a responder mapping on this route; null leaves WireMock's default.</summary>
    public int? ResponderPriority => IsDefault ? null : SelectedPriorityOffset;

    private static string Mode(bool streaming) => streaming ? "streaming" : "nonStreaming";

    private static Guid StableGuid(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
