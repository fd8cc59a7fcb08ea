using System.Text.Json;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Parsing;

namespace CometApi.ContractTests.Schemas;

/// <summary><c>fixtures/requests/examples.json</c>: requests the validator and the request schema must judge alike.</summary>
public static class RequestExamples
{
    /// <summary>The model the simulated client is configured with; an example without a model gets it.</summary>
    public const string ConfiguredModel = "gpt-5.4-mini";

    private static readonly Lazy<IReadOnlyDictionary<string, RequestExample>> Loaded = new(Load);

    public static IReadOnlyDictionary<string, RequestExample> All => Loaded.Value;

    public static TheoryData<string> Names(bool? valid = null) =>
        new(All.Values.Where(e => valid is null || e.Valid == valid).Select(e => e.Name));

    private static Dictionary<string, RequestExample> Load()
    {
        var path = Path.Combine(RepoPaths.Fixtures, "requests", "examples.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("examples").EnumerateArray().Select(e => new RequestExample(
                e.GetProperty("name").GetString()!,
                e.GetProperty("valid").GetBoolean(),
                e.TryGetProperty("validatorSays", out var says) ? says.GetString() : null,
                e.GetProperty("request").Deserialize(WireJsonContext.Default.ChatCompletionRequest)
                    ?? throw new InvalidDataException($"{path}: example '{e.GetProperty("name")}' has no request")))
            .ToDictionary(e => e.Name, StringComparer.Ordinal);
    }
}

/// <param name="ValidatorSays">Part of the error RequestValidator reports for an invalid example.</param>
public sealed record RequestExample(string Name, bool Valid, string? ValidatorSays, ChatCompletionRequest Request)
{
    public override string ToString() => Name;
}
