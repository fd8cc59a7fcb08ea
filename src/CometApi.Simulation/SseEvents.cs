using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace CometApi.Simulation;

/// <summary>The <c>data</c> of every event of an SSE text, parsed the way the client parses a live stream.</summary>
public static class SseEvents
{
    public const string Done = "[DONE]";

    public static IReadOnlyList<string> DataOf(string sseText)
    {
        ArgumentNullException.ThrowIfNull(sseText);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sseText));
        return SseParser.Create(stream).Enumerate().Select(item => item.Data).ToList();
    }

    public static bool IsDone(string data) => data.Trim() == Done;

    /// <summary>An event that is a JSON object with an <c>error</c> member, as the client's stream reader decides.</summary>
    public static bool IsErrorFrame(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _);

    public static bool IsErrorFrame(string data) => JsonText.TryParse(data) is { } root && IsErrorFrame(root);
}
