using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CometApi.Live.Support;

/// <summary>Everything the client logged during one test, with helpers to prove what is (not) in it.</summary>
public sealed class LogCapture : IDisposable
{
    private readonly FakeLoggerProvider _provider = new();

    public LogCapture()
    {
        Factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_provider));
    }

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<FakeLogRecord> Records => _provider.Collector.GetSnapshot();

    /// <summary>Messages, structured values and exceptions: everything a log sink could store.</summary>
    public string AllText => string.Join("\n", Records.Select(r =>
        $"{r.Level} {r.Message} {string.Join(' ', r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])} {r.Exception}"));

    public void ShouldNotContain(params string[] secrets)
    {
        var text = AllText;
        foreach (var secret in secrets)
            text.Should().NotContain(secret, "the log must never hold the key or prompt text");
    }

    public void Dispose() => Factory.Dispose();
}
