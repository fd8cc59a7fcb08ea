namespace CometApi.Reliability.Billing;

/// <summary>What the reconciliation found; <see cref="Clean"/> only when nothing needs a person's eyes.</summary>
public sealed record ReconciliationReport(int LedgerRows, int ExportRows, int Matched, IReadOnlyList<Discrepancy> Discrepancies)
{
    public bool Clean => Discrepancies.Count == 0;
}

public sealed record Discrepancy(DiscrepancyKind Kind, string? RequestId, string Detail);

public enum DiscrepancyKind
{
    /// <summary>A successful attempt the provider should have billed is not in the export.</summary>
    MissingInExport,

    /// <summary>The export bills a request the ledger never made (another client on the key, or a replay).</summary>
    MissingInLedger,

    /// <summary>A failed, timed-out, cancelled or retried attempt appears in the export: it was billed.</summary>
    BilledFailure,

    /// <summary>Both sides know the request but disagree on its tokens.</summary>
    TokenMismatch,

    /// <summary>An attempt without a request id (reset, timeout): it cannot be matched, compare counts by time window.</summary>
    Unmatchable,
}

/// <summary>CL7: compares the client's ledger with the provider's usage export, request id by request id.</summary>
public static class UsageReconciler
{
    public static ReconciliationReport Reconcile(IReadOnlyList<LedgerRow> ledger, IReadOnlyList<UsageExportRow> export)
    {
        var discrepancies = new List<Discrepancy>();
        var billed = export.Where(e => e.RequestId is not null).GroupBy(e => e.RequestId!).ToDictionary(g => g.Key, g => g.First());
        var known = ledger.Where(r => r.RequestId is not null).Select(r => r.RequestId!).ToHashSet();
        var matched = 0;

        foreach (var row in ledger)
        {
            if (row.RequestId is null)
            {
                discrepancies.Add(new(DiscrepancyKind.Unmatchable, null, $"{row.Timestamp:O} {row.Provider} {row.Class.WireName()} attempt {row.RetryIndex}: no request id"));
                continue;
            }

            if (!billed.TryGetValue(row.RequestId, out var bill))
            {
                if (row.Class == FailureClass.Success)
                    discrepancies.Add(new(DiscrepancyKind.MissingInExport, row.RequestId, "successful attempt not in the export (billing lag, or unbilled)"));
                continue;
            }

            matched++;
            if (row.Class != FailureClass.Success)
                discrepancies.Add(new(DiscrepancyKind.BilledFailure, row.RequestId, $"{row.Class.WireName()} attempt {row.RetryIndex} (status {row.Status}) was billed"));
            else if (bill.PromptTokens != row.PromptTokens || bill.CompletionTokens != row.CompletionTokens)
                discrepancies.Add(new(DiscrepancyKind.TokenMismatch, row.RequestId,
                    $"ledger {row.PromptTokens}/{row.CompletionTokens} tokens, export {bill.PromptTokens}/{bill.CompletionTokens}"));
        }

        foreach (var bill in export.Where(e => e.RequestId is null || !known.Contains(e.RequestId)))
            discrepancies.Add(new(DiscrepancyKind.MissingInLedger, bill.RequestId, $"billed at {bill.Timestamp:O} for {bill.Model}, not made by this client"));

        return new ReconciliationReport(ledger.Count, export.Count, matched, discrepancies);
    }
}
