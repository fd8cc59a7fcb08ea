using System.Diagnostics.Metrics;
using CometApi.Reliability.Telemetry;

namespace CometApi.Reliability.Canary;

/// <summary>
/// Listens to one client's meter and folds its measurements into canary windows: calls by class, fallbacks,
/// and token usage (split by whether a fallback answered, to watch fallback cost).
/// </summary>
public sealed class CanaryWindowRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private Dictionary<FailureClass, long> _calls = [];
    private long _timeouts, _fallbacks, _fallbackTokens, _usageRecords, _tokens;
    private DateTimeOffset _start;

    public CanaryWindowRecorder(Meter meter, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _start = _time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? Tag(string key, ReadOnlySpan<KeyValuePair<string, object?>> all)
        {
            foreach (var t in all) if (t.Key == key) return t.Value?.ToString();
            return null;
        }

        lock (_gate)
        {
            switch (instrument.Name)
            {
                case "cometapi.client.calls" when FailureClassNames.TryParse(Tag("error.type", tags), out var cls):
                    _calls[cls] = _calls.GetValueOrDefault(cls) + value;
                    break;
                case "cometapi.client.timeouts":
                    _timeouts += value;
                    break;
                case "cometapi.client.fallbacks":
                    _fallbacks += value;
                    break;
                case "gen_ai.client.token.usage":
                    _tokens += value;
                    if (Tag("cometapi.answered_by_fallback", tags) == "true") _fallbackTokens += value;
                    if (Tag("gen_ai.token.type", tags) == "input") _usageRecords++;
                    break;
            }
        }
    }

    /// <summary>Closes the current window and starts the next one.</summary>
    public CanaryWindow TakeWindow()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var window = new CanaryWindow(_start, now, _calls, _timeouts, _fallbacks, _fallbackTokens, _usageRecords, _tokens);
            (_calls, _timeouts, _fallbacks, _fallbackTokens, _usageRecords, _tokens, _start) = ([], 0, 0, 0, 0, 0, now);
            return window;
        }
    }

    public void Dispose() => _listener.Dispose();
}
