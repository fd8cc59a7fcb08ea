using CometApi.Reliability;
using CometApi.Reliability.Billing;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Every piece of text a result lets out of the client — its ToString, metadata, headers, body excerpt, attempt
/// records, the exception EnsureSuccess throws — and of a ledger (rows and CSV): where a secret must never be.
/// </summary>
public static class SecretSurfaces
{
    public static IEnumerable<(string Where, string Text)> Of(ChatResult result)
    {
        yield return ("result.ToString()", result.ToString());
        var m = result.Metadata;
        yield return ("metadata.ToString()", m.ToString());
        foreach (var (name, text) in new[] { ("request id", m.RequestId), ("body excerpt", m.BodyExcerpt), ("error code", m.ErrorCode), ("error type", m.ErrorType) })
            yield return ($"metadata {name}", text ?? "");
        foreach (var (name, value) in m.Headers) yield return ($"header {name}", value);
        foreach (var attempt in result.Attempts) yield return ($"attempt {attempt.Provider} #{attempt.RetryIndex}", attempt.ToString());
        if (!result.IsSuccess)
        {
            var thrown = Record.Exception(() => result.EnsureSuccess());
            yield return ("EnsureSuccess exception", thrown!.ToString());
        }
    }

    public static IEnumerable<(string Where, string Text)> Of(IReadOnlyList<LedgerRow> rows) =>
        rows.Select(r => ("ledger row", r.ToString())).Append(("ledger CSV", UsageLedgerCsv.Write(rows)));

    public static void ShouldNotContain(this IEnumerable<(string Where, string Text)> surfaces, params string[] secrets)
    {
        foreach (var (where, text) in surfaces)
        {
            foreach (var secret in secrets) text.Should().NotContain(secret, $"the {where} must never hold a key");
        }
    }
}
