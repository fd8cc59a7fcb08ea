using System.Text.Json;
using CometApi.Reliability;

namespace CometApi.Live.Checks;

/// <summary>Whether an error answer names the model as its cause, and how (code, param, or the name in the message).</summary>
public static class ModelNaming
{
    /// <returns>How the answer names the model, or null when it does not (a success never names a cause).</returns>
    public static string? Find(ChatResult call, string model)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsSuccess) return null;
        var code = call.Metadata.ErrorCode;
        if (code is not null && code.Contains("model", StringComparison.OrdinalIgnoreCase)) return $"code {code}";
        if (call.Metadata.BodyExcerpt is not { } body) return null;
        var (param, message) = ReadError(body);
        if (string.Equals(param, "model", StringComparison.OrdinalIgnoreCase)) return "param \"model\"";
        if (message?.Contains(model, StringComparison.Ordinal) == true) return "the model's name in error.message";
        // A non-JSON page (a gateway's HTML or text) that says which model it is about names it too.
        if (message is null && body.Contains(model, StringComparison.Ordinal)) return "the model's name in the body";
        return null;
    }

    private static (string? Param, string? Message) ReadError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object) return (null, null);
            return (Text(error, "param"), Text(error, "message"));
        }
        catch (JsonException)
        {
            return (null, null); // a capped or non-JSON excerpt names nothing we can read safely
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
