using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CometApi.Simulation.Recording;

/// <summary>What a promotion changed, for the reviewer: the files, and what it left to a human.</summary>
public sealed record PromotionResult(IReadOnlyList<string> ChangedFiles, IReadOnlyList<string> Notes);

/// <summary>
/// Turns a scrubbed recording into the committed fixture of its scenario and mode, so the change is one reviewed
/// commit: the final mapping's response (status, headers, body) of a mapping mode, the SSE file of a stream mode, the
/// body file of a stalled body. The request-id placeholder becomes the request id the scenario expects, so the
/// scenario's expectations keep holding; everything else is what the provider answered.
/// </summary>
public static class Promotion
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="InvalidOperationException">The recording is not scrubbed, or its scenario mode has nothing a recording can replace.</exception>
    public static PromotionResult Promote(RecordedAnswer recording, FixtureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(catalog);
        var unscrubbed = recording.Headers.Where(h => Scrubber.IsRequestIdHeader(h.Key) && !h.Value.StartsWith(Scrubber.RequestIdPrefix, StringComparison.Ordinal)).ToList();
        if (unscrubbed.Count > 0)
            throw new InvalidOperationException($"Not a scrubbed recording: {string.Join(", ", unscrubbed.Select(h => h.Key))} holds an original request id.");

        var scenario = catalog[recording.Scenario];
        var mode = scenario.ModeFor(recording.IsStreaming)
            ?? throw new InvalidOperationException($"Scenario '{scenario.Name}' has no {recording.Mode} mode.");
        var answer = WithExpectedRequestId(recording, mode.Expect.RequestId);
        var notes = new List<string>();

        string changed;
        switch (mode.Kind)
        {
            case ScenarioModeKind.Mapping:
                changed = catalog.PathOf(mode.Mapping!);
                PromoteMapping(changed, answer);
                if (scenario.Modes.NonStreaming?.Mapping == scenario.Modes.Streaming?.Mapping)
                    notes.Add($"{mode.Mapping} serves both modes: the other mode now answers this recording too.");
                break;
            case ScenarioModeKind.Sse:
                changed = catalog.PathOf(mode.Sse!);
                File.WriteAllText(changed, answer.WireBody() ?? "");
                notes.AddRange(HeaderNotes(answer, mode));
                break;
            case ScenarioModeKind.Responder when mode.Responder == ScenarioSimulator.StalledBodyResponderName:
                changed = catalog.PathOf(mode.Body!);
                File.WriteAllText(changed, answer.Body ?? "");
                notes.AddRange(HeaderNotes(answer, mode));
                break;
            default:
                throw new InvalidOperationException($"Scenario '{scenario.Name}' ({recording.Mode}) is served by the '{mode.Responder}' responder: there is no response file a recording could replace.");
        }

        if (answer.Status != mode.Expect.Status)
            notes.Add($"The recorded status {answer.Status} differs from the scenario's expected status {mode.Expect.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} in {FixtureCatalog.FileName}.");
        return new PromotionResult([changed], notes);
    }

    private static RecordedAnswer WithExpectedRequestId(RecordedAnswer recording, string? requestId)
    {
        if (requestId is null) return recording;
        var placeholder = Scrubber.RequestIdPrefix + "0001";
        string Swap(string text) => text.Replace(placeholder, requestId, StringComparison.Ordinal);
        return recording with
        {
            Headers = recording.Headers.ToDictionary(h => h.Key, h => Swap(h.Value), StringComparer.Ordinal),
            Body = recording.Body is null ? null : Swap(recording.Body),
            Events = recording.Events?.Select(Swap).ToList(),
        };
    }

    // The final mapping of the file (the answer the scenario's expectation describes) gets the recorded response;
    // its request matching, title, priority, state and delay stay.
    private static void PromoteMapping(string path, RecordedAnswer answer)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var target = root is JsonArray list ? list[^1]!.AsObject() : root.AsObject();
        var response = target["Response"] as JsonObject ?? new JsonObject();
        foreach (var field in new[] { "StatusCode", "Headers", "Body", "BodyAsJson", "Fault" })
            response.Remove(field);

        var headers = new JsonObject();
        foreach (var (name, value) in answer.Headers)
            headers[name] = value;
        response["StatusCode"] = answer.Status;
        response["Headers"] = headers;
        var body = answer.WireBody();
        if (answer.Events is null && body is not null && answer.MediaType.Contains("json", StringComparison.Ordinal) && TryParse(body) is { } json)
            response["BodyAsJson"] = json;
        else if (body is not null)
            response["Body"] = body;
        target["Response"] = response;
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }

    private static IEnumerable<string> HeaderNotes(RecordedAnswer answer, ScenarioMode mode)
    {
        var configured = mode.Headers ?? new Dictionary<string, string>();
        return answer.Headers.Where(h => h.Key != "content-type" && !configured.Any(c => c.Key.Equals(h.Key, StringComparison.OrdinalIgnoreCase) && c.Value == h.Value))
            .Select(h => $"Header '{h.Key}: {h.Value}' is not in the mode's 'headers' in {FixtureCatalog.FileName}; add it there if it should be served.");
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
