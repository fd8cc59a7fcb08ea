using CometApi.Reliability.Billing;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>A ledger that counts rows and keeps none: for runs long enough that keeping them would be the leak.</summary>
public sealed class CountingLedger : IUsageLedger
{
    private int _rows;

    public int Rows => Volatile.Read(ref _rows);

    public void Append(LedgerRow row) => Interlocked.Increment(ref _rows);
}
