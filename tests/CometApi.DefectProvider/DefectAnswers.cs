using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CometApi.DefectProvider;

/// <summary>How the provider answers each request, healthy or with its defect.</summary>
internal sealed class DefectAnswers(Defect defect)
{
    private int _requests;

    public Defect Defect { get; } = defect;
    public Action? Stalling { get; set; }
    public int RequestCount => Volatile.Read(ref _requests);

    private string Prefix => Defect == Defect.WrongBasePath ? "/api/v2" : "/v1";

    public async Task AnswerAsync(HttpContext context)
    {
        var n = Interlocked.Increment(ref _requests);
        var response = context.Response;
        if (Defect != Defect.MissingRequestId) response.Headers["x-request-id"] = $"defect-req-{n:D4}";
        response.Headers["x-ratelimit-remaining-requests"] = "99";
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;

        if (method == "POST" && path == Prefix + "/chat/completions")
            await ChatAsync(context);
        else if (method == "GET" && path == Prefix + "/models")
            await (Authorized(context) ? ModelsAsync(response) : RefuseKeyAsync(context));
        else
            await ErrorAsync(response, 404, $"Invalid URL ({method} {path})", "invalid_request_error", code: null, param: null);
    }

    private async Task ChatAsync(HttpContext context)
    {
        if (!Authorized(context))
        {
            await RefuseKeyAsync(context);
            return;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?["messages"] is not JsonArray)
        {
            await ErrorAsync(context.Response, 400, "'messages' is a required property", "invalid_request_error", code: null, param: "messages");
            return;
        }

        var model = body["model"]?.GetValue<string>();
        if (model != DefectProviderServer.Model)
        {
            await (Defect == Defect.UnknownModelNotNamed
                ? ErrorAsync(context.Response, 400, "Bad request", "invalid_request_error", code: null, param: null)
                : ErrorAsync(context.Response, 404, $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", param: null));
            return;
        }

        if (Defect == Defect.SlowAnswer)
        {
            await StallAsync(context);
            return;
        }

        if (Defect == Defect.ErrorBodyOn200)
        {
            await JsonAsync(context.Response, 200, ErrorBody("The upstream provider failed", "upstream_error", null, null));
            return;
        }

        var streaming = body["stream"]?.GetValue<bool>() == true && Defect != Defect.StreamAsJson;
        await (streaming ? StreamAsync(context, body) : JsonAsync(context.Response, 200, Completion()));
    }

    private static Task ModelsAsync(HttpResponse response) => JsonAsync(response, 200, new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray(new JsonObject { ["id"] = DefectProviderServer.Model, ["object"] = "model", ["created"] = 1_764_000_000, ["owned_by"] = "defect-provider" }),
    });

    private bool Authorized(HttpContext context)
    {
        if (Defect == Defect.OpenDoor) return true;
        if (Defect == Defect.KeyRefused) return false;
        return context.Request.Headers.Authorization.ToString() == "Bearer " + DefectProviderServer.ValidKey;
    }

    private Task RefuseKeyAsync(HttpContext context) =>
        string.IsNullOrEmpty(context.Request.Headers.Authorization.ToString())
            ? ErrorAsync(context.Response, 401, "You didn't provide an API key.", "invalid_request_error", code: null, param: null)
            : ErrorAsync(context.Response, 401, Defect == Defect.KeyEchoed
                ? $"Incorrect API key provided: {context.Request.Headers.Authorization.ToString()["Bearer ".Length..]}."
                : "Incorrect API key provided.", "invalid_request_error", "invalid_api_key", param: null);

    private Task ErrorAsync(HttpResponse response, int status, string message, string type, string? code, string? param)
    {
        if (Defect == Defect.HtmlErrors && status is 400 or 401 or 404 or 429)
        {
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            return response.WriteAsync($"<html><head><title>{status}</title></head><body><h1>{status}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>");
        }

        return JsonAsync(response, status, ErrorBody(message, type, code, param));
    }

    private static JsonObject ErrorBody(string message, string type, string? code, string? param) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code } };

    private JsonObject Completion()
    {
        var answer = new JsonObject
        {
            ["id"] = "chatcmpl-defect",
            ["object"] = "chat.completion",
            ["created"] = 1_764_000_000,
            ["model"] = DefectProviderServer.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "pong" },
                ["finish_reason"] = "stop",
            }),
        };
        if (Defect != Defect.NoUsage) answer["usage"] = Usage();
        return answer;
    }

    private static JsonObject Usage() => new() { ["prompt_tokens"] = 18, ["completion_tokens"] = 1, ["total_tokens"] = 19 };

    private async Task StreamAsync(HttpContext context, JsonNode request)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        await EventAsync(response, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "po" }, null));
        if (Defect == Defect.StalledStream)
        {
            await StallAsync(context);
            return;
        }

        await EventAsync(response, Chunk(new JsonObject { ["content"] = "ng" }, null));
        await EventAsync(response, Chunk(new JsonObject(), "stop"));
        if (request["stream_options"]?["include_usage"]?.GetValue<bool>() == true && Defect != Defect.NoUsage)
        {
            var usage = Chunk(null, null);
            usage["usage"] = Usage();
            await EventAsync(response, usage);
        }

        await response.WriteAsync("data: [DONE]\n\n");
    }

    private static JsonObject Chunk(JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-defect",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_764_000_000,
        ["model"] = DefectProviderServer.Model,
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static async Task EventAsync(HttpResponse response, JsonObject chunk)
    {
        await response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await response.Body.FlushAsync();
    }

    /// <summary>Holds the answer until the client goes away; tells the test first, so its clock can move.</summary>
    private async Task StallAsync(HttpContext context)
    {
        Stalling?.Invoke();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up: that is what the stall is for.
        }
    }

    private static async Task JsonAsync(HttpResponse response, int status, JsonObject body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }
}
