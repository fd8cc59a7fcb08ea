using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Parsing;

/// <summary>{"error":{...}}. code and param are strings on CometAPI and OpenAI, numbers on some gateways.</summary>
public sealed record ErrorEnvelope
{
    [JsonInclude] [JsonRequired] public ErrorDetail Error { get; internal set; } = null!;
}

public sealed record ErrorDetail
{
    [JsonInclude] public string? Message { get; internal set; }
    [JsonInclude] public string? Type { get; internal set; }
    [JsonInclude] public JsonElement? Code { get; internal set; }
    [JsonInclude] public JsonElement? Param { get; internal set; }

    public string? CodeText => Code is { ValueKind: JsonValueKind.String or JsonValueKind.Number } c
        ? (c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText())
        : null;
}
