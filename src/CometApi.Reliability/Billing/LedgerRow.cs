namespace CometApi.Reliability.Billing;

/// <summary>
/// One HTTP attempt as billing sees it (CL7): when, where, what came back, how big, and the tokens reported.
/// Carries no content and no key, so a ledger can be kept as evidence.
/// </summary>
public sealed record LedgerRow(
    DateTimeOffset Timestamp,
    string CallId,
    string Provider,
    string Endpoint,
    string Model,
    bool Streaming,
    int RetryIndex,
    int? Status,
    FailureClass Class,
    string? RequestId,
    long InputBytes,
    long OutputBytes,
    long? PromptTokens,
    long? CompletionTokens,
    TimeSpan Duration);

/// <summary>Where the client writes a row for every attempt it makes.</summary>
public interface IUsageLedger
{
    void Append(LedgerRow row);
}
