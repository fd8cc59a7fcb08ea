using System.Text;
using System.Text.Json;

namespace CometApi.Simulation.Shapes;

/// <summary>
/// Turns a captured response into its deterministic shape text: status and media type, then the body's
/// <see cref="JsonShape"/>, or for an event stream the shape of every event in order (a run of consecutive events with
/// the same shape, such as content deltas, is shown once, so the number of deltas does not matter).
/// </summary>
public static class ShapeNormalizer
{
    public const string EventPrefix = "event: ";
    public const string Indent = "  ";

    public static string Normalize(CapturedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = new StringBuilder();
        text.Append("status: ").Append(response.Status).Append('\n');
        text.Append("content-type: ").Append(response.MediaType).Append('\n');
        if (response.MediaType == FixtureResponse.EventStream && !string.IsNullOrWhiteSpace(response.Body))
        {
            text.Append("body: event stream\n");
            string? previous = null;
            foreach (var data in SseEvents.DataOf(response.Body))
            {
                var section = Event(data);
                if (section != previous) text.Append(section);
                previous = section;
            }
        }
        else
        {
            text.Append(Body(response));
        }

        return text.ToString();
    }

    private static string Body(CapturedResponse response)
    {
        if (response.Body is null) return "body: none\n";
        if (string.IsNullOrWhiteSpace(response.Body)) return "body: empty\n";
        if (response.MediaType.Contains("html", StringComparison.Ordinal) || response.Body.TrimStart().StartsWith('<'))
            return "body: HTML page (not JSON)\n";
        return JsonText.TryParse(response.Body) is { } root ? "body: JSON\n" + Lines(JsonShape.Lines(root), "") : "body: malformed JSON\n";
    }

    private static string Event(string data)
    {
        if (SseEvents.IsDone(data)) return EventPrefix + SseEvents.Done + "\n";
        if (JsonText.TryParse(data) is not { } root) return EventPrefix + "malformed JSON\n";
        var kind = root.ValueKind != JsonValueKind.Object ? "JSON"
            : SseEvents.IsErrorFrame(root) ? "error frame"
            : "chunk";
        return EventPrefix + kind + "\n" + Lines(JsonShape.Lines(root), Indent);
    }

    private static string Lines(IEnumerable<string> lines, string indent) =>
        string.Concat(lines.Select(l => indent + l + "\n"));
}
