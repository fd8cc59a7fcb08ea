using System.Diagnostics;
using System.Diagnostics.Metrics;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Telemetry;

/// <summary>
/// The canary's instruments. OpenTelemetry GenAI names where they exist (gen_ai.client.*), cometapi.client.* for
/// what GenAI semantic conventions do not cover (retries, fallbacks, unknown shapes).
/// </summary>
public sealed class ChatMetrics : IDisposable
{
    public const string MeterName = "CometApi.Reliability";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _tokens;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _unknownShapes;

    public ChatMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Duration of a chat call, every attempt and fallback included.");
        _tokens = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens reported in usage, by gen_ai.token.type.");
        _calls = _meter.CreateCounter<long>("cometapi.client.calls", "{call}", "Calls by endpoint, model and final class.");
        _attempts = _meter.CreateCounter<long>("cometapi.client.attempts", "{attempt}", "HTTP attempts by provider, class and status family (2xx, 4xx, 5xx, none).");
        _retries = _meter.CreateCounter<long>("cometapi.client.retries", "{retry}", "Retries by provider and the class that caused them.");
        _timeouts = _meter.CreateCounter<long>("cometapi.client.timeouts", "{timeout}", "Client-side timeouts by provider.");
        _fallbacks = _meter.CreateCounter<long>("cometapi.client.fallbacks", "{fallback}", "Fallbacks by reason (the primary's class).");
        _unknownShapes = _meter.CreateCounter<long>("cometapi.client.unknown_shapes", "{response}", "Responses the parser could not validate.");
    }

    public Meter Meter => _meter;

    internal void Attempt(string provider, string endpoint, string model, FailureClass cls, int? status)
    {
        var tags = new TagList
        {
            { "gen_ai.provider.name", provider }, { "server.address", endpoint }, { "gen_ai.request.model", model },
            { "error.type", cls.WireName() }, { "http.response.status_family", StatusFamily(status) },
        };
        _attempts.Add(1, tags);
        if (cls == FailureClass.Timeout) _timeouts.Add(1, new TagList { { "gen_ai.provider.name", provider } });
        if (cls == FailureClass.UnknownShape) _unknownShapes.Add(1, new TagList { { "gen_ai.provider.name", provider } });
    }

    internal void Retry(string provider, FailureClass cause) =>
        _retries.Add(1, new TagList { { "gen_ai.provider.name", provider }, { "error.type", cause.WireName() } });

    internal void Fallback(string from, string to, FailureClass reason) =>
        _fallbacks.Add(1, new TagList { { "gen_ai.provider.name", from }, { "cometapi.fallback.to", to }, { "cometapi.fallback.reason", reason.WireName() } });

    internal void Call(string provider, string endpoint, string model, FailureClass cls, TimeSpan duration, Usage? usage, bool answeredByFallback = false)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" }, { "gen_ai.provider.name", provider }, { "server.address", endpoint },
            { "gen_ai.request.model", model }, { "error.type", cls.WireName() },
        };
        _calls.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
        if (usage is null) return;
        var fallback = answeredByFallback ? "true" : "false";
        _tokens.Record(usage.PromptTokens, new TagList { { "gen_ai.provider.name", provider }, { "gen_ai.request.model", model }, { "gen_ai.token.type", "input" }, { "cometapi.answered_by_fallback", fallback } });
        _tokens.Record(usage.CompletionTokens, new TagList { { "gen_ai.provider.name", provider }, { "gen_ai.request.model", model }, { "gen_ai.token.type", "output" }, { "cometapi.answered_by_fallback", fallback } });
    }

    private static string StatusFamily(int? status) => status switch
    {
        null => "none",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        _ => "5xx",
    };

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
