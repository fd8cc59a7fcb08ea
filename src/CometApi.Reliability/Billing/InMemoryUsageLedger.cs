using System.Collections.Concurrent;

namespace CometApi.Reliability.Billing;

/// <summary>A thread-safe ledger held in memory; <see cref="UsageLedgerCsv"/> writes it out.</summary>
public sealed class InMemoryUsageLedger : IUsageLedger
{
    private readonly ConcurrentQueue<LedgerRow> _rows = new();

    public IReadOnlyList<LedgerRow> Rows => _rows.ToArray();

    public void Append(LedgerRow row) => _rows.Enqueue(row);
}
