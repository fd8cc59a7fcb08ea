using System.Diagnostics.Metrics;
using CometApi.Simulation;
using CometApi.Reliability.Billing;
using CometApi.Reliability.Telemetry;
using Microsoft.Extensions.Logging;

namespace CometApi.Benchmarks;

/// <summary>
/// Where the suite's client sends its policy output during a benchmark, all of it switched on: an in-memory ledger,
/// a metrics listener that aggregates every measurement (as an exporter would), and loggers that are enabled at
/// every level and format each message, then drop it (<see cref="DiscardingLogSink"/>: the cost of producing
/// a log line is in, a sink's I/O is not).
/// </summary>
internal sealed class SuitePolicySinks : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _measurements;

    public SuitePolicySinks()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ChatMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _listener.Start();
        Loggers = DiscardingLogSink.Factory();
    }

    public InMemoryUsageLedger Ledger { get; } = new();
    public ILoggerFactory Loggers { get; }
    public long Measurements => Interlocked.Read(ref _measurements);

    public void Dispose()
    {
        _listener.Dispose();
        Loggers.Dispose();
    }
}
