using System.Text.Json;
using CometApi.Live.Support;
using CometApi.Reliability;

namespace CometApi.Live.Checks;

/// <summary>CL7.usage-reported: a successful answer reports usage, and the ledger row holds it.</summary>
public sealed class UsageCheck : ILiveCheck
{
    public string Id => "CL7.usage-reported";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var call = await context.Client().CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        if (!call.IsSuccess) return context.Fail(call.Class.WireName(), $"{Id}: the call ended in {LiveCheckContext.Describe(call)}", call);
        if (call.Usage is not { } usage) return context.Fail("usage-absent", $"{Id}: the answer reports no usage", call);
        if (usage.PromptTokens <= 0 || usage.CompletionTokens <= 0)
            return context.Fail("usage-not-positive", $"{Id}: usage reports {usage.PromptTokens} prompt and {usage.CompletionTokens} completion tokens", call);
        if (usage.CompletionTokens > context.Session.Budget.MaxTokens)
            return context.Fail("token-cap-exceeded", $"{Id}: {usage.CompletionTokens} completion tokens exceed the cap of {context.Session.Budget.MaxTokens}", call);
        var row = context.Ledger.Rows.SingleOrDefault();
        if (row is null || row.PromptTokens != usage.PromptTokens || row.CompletionTokens != usage.CompletionTokens)
            return context.Fail("ledger-mismatch", $"{Id}: the ledger does not hold the answer's usage ({context.Ledger.Rows.Count} row(s))", call);
        return context.Pass(call, $"usage {usage.PromptTokens} prompt + {usage.CompletionTokens} completion tokens, in the ledger");
    }
}

/// <summary>PONG.exact-output: exactly "pong" at temperature 0, and neither the key nor the prompt in any log.</summary>
public sealed class PongCheck : ILiveCheck
{
    public string Id => "PONG.exact-output";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var call = await context.Client().CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        var logs = context.Logs.AllText;
        if (logs.Contains(context.Session.ApiKey, StringComparison.Ordinal) || logs.Contains(LeakMarkers.PromptMarker, StringComparison.Ordinal))
            return context.Fail("secret-in-log", $"{Id}: the key or the prompt appears in the client's log", call);
        if (!call.IsSuccess) return context.Fail(call.Class.WireName(), $"{Id}: the call ended in {LiveCheckContext.Describe(call)}", call);
        if (call.Text != "pong")
            return context.Fail("output-not-pong", $"{Id}: the output is {JsonSerializer.Serialize(Clip(call.Text))}, not exactly \"pong\"", call);
        return context.Pass(call, "exactly \"pong\"; no key or prompt in the log");
    }

    private static string? Clip(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;
}

/// <summary>CT.models-list: GET models answers the OpenAI list shape.</summary>
public sealed class ModelsListCheck : ILiveCheck
{
    public string Id => "CT.models-list";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var session = context.Session;
        using var http = session.CreateHttpClient();
        var url = session.BaseUrl.TrimEnd('/') + "/" + session.Contracts.Profile.ModelsPath.Value;
        using var request = session.Authorized(new HttpRequestMessage(HttpMethod.Get, url));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var raw = new RawAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, Headers(response),
            System.Diagnostics.Stopwatch.GetElapsedTime(started));

        if (body.Contains(session.ApiKey, StringComparison.Ordinal))
            return context.Fail("key-echoed", $"{Id}: the models list echoes the key", raw: raw);
        if (raw.StatusCode != 200)
            return context.Fail($"http-{raw.StatusCode}", $"{Id}: GET {url} answered HTTP {raw.StatusCode} ({raw.MediaType ?? "no content type"}): {Excerpt(body)}", raw: raw);
        if (ShapeProblem(body) is { } problem)
            return context.Fail("not-a-list", $"{Id}: GET {url} is not the OpenAI list shape: {problem}; body: {Excerpt(body)}", raw: raw);
        return context.Pass(null, "the OpenAI list shape with model ids") with { Raw = raw };
    }

    private static string? ShapeProblem(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "the body is not an object";
            if (!root.TryGetProperty("object", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != "list") return "object is not \"list\"";
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0) return "data is not a non-empty array";
            foreach (var model in data.EnumerateArray())
                if (model.ValueKind != JsonValueKind.Object || !model.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
                    return "a model without an id";
            return null;
        }
        catch (JsonException e)
        {
            return $"not JSON ({e.Message})";
        }
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated) headers[name.ToLowerInvariant()] = values.ToString();
        return headers;
    }

    private static string Excerpt(string body) => SecretRegistry.Redact(body.Length > 2048 ? body[..2048] + "…" : body);
}
