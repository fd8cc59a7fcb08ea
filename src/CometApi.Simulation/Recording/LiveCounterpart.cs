using System.Text.Json.Nodes;

namespace CometApi.Simulation.Recording;

/// <summary>
/// Which catalog scenario a live exchange is the counterpart of, read from what was sent (auth, model, messages,
/// stream) and the status that came back, so record mode can diff it with that scenario's committed fixture.
/// </summary>
public static class LiveCounterpart
{
    /// <summary>The name of a recording that is no catalog scenario: the models list.</summary>
    public const string ModelsList = "models-list";

    /// <param name="path">The request path (<c>/v1/chat/completions</c>).</param>
    /// <param name="requestBody">The JSON the request sent; null when none or not JSON.</param>
    /// <param name="authorization">The request's Authorization parameter (the key sent); null when none was sent.</param>
    /// <param name="revokedKey">The run's known-revoked key, if any.</param>
    /// <param name="unknownModel">The model name the run uses to provoke the unknown-model answer.</param>
    /// <param name="status">The answer's status.</param>
    /// <param name="errorCode">The answer's <c>error.code</c>, when it had an error body.</param>
    public static string Of(string path, JsonObject? requestBody, string? authorization, string? revokedKey, string unknownModel, int status, string? errorCode)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith("/models", StringComparison.Ordinal)) return ModelsList;
        if (status == 401)
            return string.IsNullOrEmpty(authorization) ? "auth-missing-key-401"
                : authorization == revokedKey ? "auth-revoked-key-401"
                : "auth-malformed-key-401";
        if (requestBody?["model"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)requestBody["model"] == unknownModel) return "model-not-found-503";
        if (requestBody?["messages"] is not JsonArray { Count: > 0 }) return status == 500 ? "server-500-invalid-request" : "bad-request-400";
        return status switch
        {
            200 => "success-pong",
            400 => "bad-request-400",
            403 => "forbidden-403",
            404 => "unknown-path-404",
            429 when errorCode == "insufficient_quota" => "quota-429-insufficient",
            429 => "rate-limit-429-short",
            500 when errorCode == "invalid_request" => "server-500-invalid-request",
            500 => "server-500",
            502 => "bad-gateway-502",
            503 when errorCode == "model_not_found" => "model-not-found-503",
            503 => "unavailable-503",
            504 => "gateway-timeout-504",
            524 => "origin-timeout-524",
            _ => $"unmatched-{status}",
        };
    }

    /// <summary>The <c>error.code</c> of an answer body (as text; "" when empty), or null when it has none.</summary>
    public static string? ErrorCodeOf(string? body)
    {
        if (JsonText.TryParse(body ?? "") is not { } element || element.ValueKind != System.Text.Json.JsonValueKind.Object) return null;
        if (!element.TryGetProperty("error", out var error) || error.ValueKind != System.Text.Json.JsonValueKind.Object) return null;
        return error.TryGetProperty("code", out var code) ? code.ValueKind == System.Text.Json.JsonValueKind.String ? code.GetString() : code.ToString() : null;
    }
}
