using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Reliability;
using CometApi.Reliability.Billing;
using Xunit.Abstractions;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// Details a test attaches to its evidence entry. It travels as one line of the test's own output, so the
/// evidence sink can join it with the test's outcome (passed, failed, skipped) without any shared state.
/// </summary>
public sealed record EvidenceNote
{
    internal const string Prefix = "##evidence ";

    public required string Id { get; init; }
    public string Target { get; init; } = "simulated";
    public string? FailureClass { get; init; }
    public int? HttpStatus { get; init; }
    public IReadOnlyList<string> RequestIds { get; init; } = [];
    public int Attempts { get; init; }
    public double DurationMs { get; init; }
    public IReadOnlyList<string> Excerpts { get; init; } = [];
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public IReadOnlyList<string> LedgerCsvRows { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void WriteTo(ITestOutputHelper output) => output.WriteLine(Prefix + JsonSerializer.Serialize(this, Json));

    /// <summary>The note of a chat call: its class, status, request ids, attempts, tokens and ledger rows.</summary>
    public static EvidenceNote From(string id, ChatResult result, InMemoryUsageLedger ledger, string target = "simulated") => new()
    {
        Id = id,
        Target = target,
        FailureClass = result.Class.WireName(),
        HttpStatus = result.Metadata.StatusCode ?? (result.Attempts.Count > 0 ? result.Attempts[^1].StatusCode : null),
        RequestIds = result.Attempts.Select(a => a.RequestId).OfType<string>().Distinct().ToList(),
        Attempts = result.Attempts.Count,
        DurationMs = Math.Round(result.Attempts.Sum(a => a.Duration.TotalMilliseconds), 1),
        Excerpts = result.Metadata.BodyExcerpt is { } excerpt ? [excerpt] : [],
        PromptTokens = result.Usage?.PromptTokens ?? 0,
        CompletionTokens = result.Usage?.CompletionTokens ?? 0,
        LedgerCsvRows = UsageLedgerCsv.Write(ledger.Rows).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList(),
    };

    public static EvidenceNote? FindIn(string? testOutput)
    {
        var line = testOutput?.Split('\n').LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return line is null ? null : JsonSerializer.Deserialize<EvidenceNote>(line[Prefix.Length..].Trim(), Json);
    }
}
