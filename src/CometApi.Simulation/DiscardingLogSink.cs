using Microsoft.Extensions.Logging;

namespace CometApi.Simulation;

/// <summary>
/// Loggers enabled at every level that format each message and then drop it: the client pays for every log line it
/// writes (as with a real sink), and nothing is kept (so long runs measure the client, not the log).
/// </summary>
public sealed class DiscardingLogSink : ILoggerProvider
{
    public static ILoggerFactory Factory() =>
        LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new DiscardingLogSink()));

    public ILogger CreateLogger(string categoryName) => new DiscardingLogger();

    public void Dispose()
    {
    }

    private sealed class DiscardingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            GC.KeepAlive(formatter(state, exception));
    }
}
