using CometApi.Reliability.Billing;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Logging;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// What every test world shares, whatever stands in for the provider: a fresh fake key (and a fallback key),
/// captured logs, a usage ledger, the client options of the simulation and the clients made from them.
/// </summary>
public abstract class ClientWorld : IDisposable
{
    protected ClientWorld()
    {
        Owned.Add(Logs);
    }

    public LogCapture Logs { get; } = new();

    /// <summary>Every attempt of every client created here, as billing would see it.</summary>
    public InMemoryUsageLedger Ledger { get; } = new();
    public string ApiKey { get; } = LeakMarkers.NewApiKey();
    public string FallbackApiKey { get; } = LeakMarkers.NewApiKey();

    /// <summary>The primary provider's chat-completions URL.</summary>
    public abstract string ChatEndpoint { get; }

    /// <summary>The fallback provider's chat-completions URL, when one is running.</summary>
    protected virtual string? FallbackChatEndpoint => null;

    /// <summary>The transport clients use; null for real sockets.</summary>
    protected virtual HttpMessageHandler? Transport => null;

    protected List<IDisposable> Owned { get; } = [];

    public CometApiOptions Options(SimulationTiming? timing = null)
    {
        timing ??= SimulationTiming.Normal;
        return new CometApiOptions
        {
            ApiKey = ApiKey,
            ApiKeySource = CometApiConfiguration.ApiKey,
            ChatEndpoint = ChatEndpoint,
            Model = "gpt-5.4-mini",
            TotalTimeout = timing.Total,
            AttemptTimeout = timing.Attempt,
            Retry = new RetrySettings { MaxRetries = 1, BackoffMin = timing.BackoffMin, BackoffMax = timing.BackoffMax },
            Fallback = FallbackChatEndpoint is not { } fallback ? null : new FallbackProviderOptions
            {
                Name = "fallback",
                ChatEndpoint = fallback,
                ApiKey = FallbackApiKey,
                Model = "fallback-model",
            },
        };
    }

    /// <param name="loggers">Instead of <see cref="Logs"/> (which keeps every record): for runs too long to keep them.</param>
    /// <param name="ledger">Instead of <see cref="Ledger"/> (which keeps every row): for runs too long to keep them.</param>
    public CometApiChatClient CreateClient(SimulationTiming? timing = null, Action<CometApiOptions>? configure = null,
        TimeProvider? time = null, Func<double>? jitter = null, ILoggerFactory? loggers = null, IUsageLedger? ledger = null)
    {
        var options = Options(timing);
        configure?.Invoke(options);
        var client = new CometApiChatClient(options, TestContracts.Set, Transport, loggers ?? Logs.Factory, timeProvider: time, jitter: jitter, ledger: ledger ?? Ledger);
        Owned.Add(client);
        return client;
    }

    /// <summary>Neither key nor prompt text may appear in anything the client logged.</summary>
    public void ShouldNotHaveLoggedSecrets() => Logs.ShouldNotContain(ApiKey, FallbackApiKey, LeakMarkers.PromptMarker);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var d in Enumerable.Reverse(Owned)) d.Dispose();
    }
}

/// <summary>
/// Simulation timings: real waits stay in milliseconds. Normal gives cold-start headroom for answers that must not
/// time out; Virtual is for a <see cref="StallClock"/>, where simulated stalls trip the timers in virtual time.
/// </summary>
public sealed record SimulationTiming(TimeSpan Attempt, TimeSpan Total, TimeSpan BackoffMin, TimeSpan BackoffMax)
{
    public static SimulationTiming Normal { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    /// <summary>
    /// For a <see cref="StallClock"/>: a 400 ms attempt timeout and a 1.8 s deadline in virtual time, and no backoff (a
    /// backoff timer would wait for a clock nobody moves; the backoff has checks of its own).
    /// </summary>
    public static SimulationTiming Virtual { get; } = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1800), TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>For transports that answer from memory: no backoff wait at all, so thousands of calls stay fast.</summary>
    public static SimulationTiming Instant { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.Zero);
}
