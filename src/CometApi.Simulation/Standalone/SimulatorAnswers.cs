using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CometApi.Simulation.Standalone;

/// <summary>The simulator's own answers (not a scenario's): OpenAI-shaped error bodies, so an SDK shows the message.</summary>
internal static class SimulatorAnswers
{
    public const string ErrorType = "simulator_error";

    // Readable quotes in messages a human reads in a terminal; the body is JSON, never HTML.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Error(string message, string code) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = ErrorType, ["param"] = null, ["code"] = code },
    };

    public static async Task WriteAsync(HttpResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(body.ToJsonString(Readable), Encoding.UTF8, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
