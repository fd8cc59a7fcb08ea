using System.Text.Json;

namespace CometApi.Simulation;

/// <summary>Parses text that may or may not be JSON (fixture bodies, stream events) without throwing.</summary>
public static class JsonText
{
    /// <returns>The parsed document's root, or null when the text is not JSON.</returns>
    public static JsonElement? TryParse(string? text)
    {
        if (text is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
