using CometApi.Reliability.Billing;
using CometApi.ContractTests.Schemas;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using WireMock.Server;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// One test's simulated world: a WireMock server standing in for CometAPI (random port, so tests run in
/// parallel), an optional second server as the fallback provider, a fresh fake key, and captured logs.
/// </summary>
public sealed class SimulatedCometApi : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public SimulatedCometApi()
    {
        SimulatorWarmup.Ensure();
        Primary = LoopbackServer.Start();
        _owned.Add(Primary);
        _owned.Add(Logs);
    }

    public WireMockServer Primary { get; }
    public WireMockServer? Fallback { get; private set; }
    public LogCapture Logs { get; } = new();

    /// <summary>Every attempt of every client created here, as billing would see it.</summary>
    public InMemoryUsageLedger Ledger { get; } = new();
    public string ApiKey { get; } = Canaries.NewApiKey();
    public string FallbackApiKey { get; } = Canaries.NewApiKey();
    public string ChatEndpoint => Primary.Url + "/v1/chat/completions";

    /// <summary>HTTP requests the primary provider received.</summary>
    public int PrimaryAttempts => Primary.LogEntries.Count;

    public int FallbackAttempts => Fallback?.LogEntries.Count ?? 0;

    /// <summary>
    /// WireMock logs a request only once its response is over, and an aborted one a moment after the abort.
    /// Waits (bounded) until <paramref name="expected"/> entries are there, then lets stragglers arrive, and
    /// returns the count: an exact assertion on it still fails on too few or too many attempts.
    /// </summary>
    public async Task<int> SettledPrimaryAttemptsAsync(int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(3);
        while (PrimaryAttempts < expected && DateTime.UtcNow < until) await Task.Delay(10);
        await Task.Delay(30);
        return PrimaryAttempts;
    }

    /// <summary>Starts the fallback provider; <paramref name="mount"/> decides how it answers.</summary>
    public WireMockServer StartFallback(Action<WireMockServer> mount)
    {
        Fallback = LoopbackServer.Start();
        _owned.Add(Fallback);
        mount(Fallback);
        return Fallback;
    }

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
            Fallback = Fallback is null ? null : new FallbackProviderOptions
            {
                Name = "fallback",
                ChatEndpoint = Fallback.Url + "/v1/chat/completions",
                ApiKey = FallbackApiKey,
                Model = "fallback-model",
            },
        };
    }

    public CometApiChatClient CreateClient(SimulationTiming? timing = null, Action<CometApiOptions>? configure = null,
        TimeProvider? time = null, Func<double>? jitter = null)
    {
        var options = Options(timing);
        configure?.Invoke(options);
        var client = new CometApiChatClient(options, TestContracts.Set, loggerFactory: Logs.Factory, timeProvider: time, jitter: jitter, ledger: Ledger);
        _owned.Add(client);
        return client;
    }

    /// <summary>Neither key nor prompt text may appear in anything the client logged.</summary>
    public void ShouldNotHaveLoggedSecrets() => Logs.ShouldNotContain(ApiKey, FallbackApiKey, Canaries.PromptMarker);

    /// <summary>
    /// Every request body either provider received conforms to the request schema. The failure names the request
    /// and the JSON paths that broke, never the body (it holds the prompt).
    /// </summary>
    public void ShouldHaveSentOnlyContractRequests()
    {
        var servers = new List<(string Name, WireMockServer Server)> { ("cometapi", Primary) };
        if (Fallback is not null) servers.Add(("fallback", Fallback));
        var bodies = servers.SelectMany(s => s.Server.LogEntries.Select((e, i) => (Where: $"{s.Name} request {i + 1}", e.RequestMessage?.Body)));
        var broken = bodies
            .Select(b => (b.Where, Verdict: ContractSchemas.Validate(ContractSchema.ChatCompletionRequest, b.Body)))
            .Where(b => !b.Verdict.IsValid)
            .Select(b => $"{b.Where}: {string.Join("; ", b.Verdict.Errors)}")
            .ToList();

        broken.Should().BeEmpty("every request the client sends must conform to contracts/schemas/{0}", ContractSchema.ChatCompletionRequest.FileName());
    }

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
    }
}

/// <summary>
/// Simulation timings: real waits stay in milliseconds. Normal gives cold-start headroom for answers that
/// must not time out; Tight makes the simulated stalls trip the timers quickly.
/// </summary>
public sealed record SimulationTiming(TimeSpan Attempt, TimeSpan Total, TimeSpan BackoffMin, TimeSpan BackoffMax)
{
    public static SimulationTiming Normal { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
    public static SimulationTiming Tight { get; } = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1800), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
}
