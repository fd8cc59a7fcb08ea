using CometApi.Simulation;
using CometApi.Live.Support;
using CometApi.Reliability.Billing;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;

namespace CometApi.Live;

/// <summary>
/// The live target of one test run: the configured endpoint (or, with COMETAPI_SIMULATE=1, the embedded live
/// simulator), its request budget, the provider's contracts and the clock of its clients. The live checks run
/// once per session (Checks/LiveCheckRuns).
/// </summary>
public sealed class LiveSession
{
    private static readonly Lazy<LiveSession> Session = new(() => Start(LiveSettings.Current), LazyThreadSafetyMode.ExecutionAndPublication);
    private static LiveSimulator? _simulator;

    private LiveSession(string baseUrl, string apiKey, string model, string? revokedKey, LiveBudget budget, LiveSettings settings,
        ContractSet? contracts = null, TimeProvider? time = null)
    {
        BaseUrl = baseUrl;
        ApiKey = SecretRegistry.Register(apiKey);
        Model = model;
        RevokedKey = revokedKey is null ? null : SecretRegistry.Register(revokedKey);
        Budget = budget;
        Settings = settings;
        Contracts = contracts ?? LiveContracts.Set;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A session on an explicit target (a local provider under test), not the run's configured one: what the
    /// defect-matrix tests point the live checks at. <paramref name="time"/> drives the clients' deadlines.
    /// </summary>
    public static LiveSession Open(string baseUrl, string apiKey, string model, string? revokedKey, LiveSettings settings,
        ContractSet? contracts = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(baseUrl, apiKey, model, revokedKey, new LiveBudget(settings.Budget, settings.MaxTokens), settings, contracts, time);
    }

    /// <summary>The run's session on the configured live target (starts it); live mode must be on.</summary>
    public static LiveSession Shared =>
        LiveSettings.Current.Enabled ? Session.Value
        : throw new InvalidOperationException($"live mode is off: only a [LiveFact] or [LiveTheory] test starts a live session ({LiveSettings.LiveFlag}=1)");

    /// <summary>The session, once a live check has started it; null in offline runs.</summary>
    public static LiveSession? Started => Session.IsValueCreated ? Session.Value : null;

    /// <summary>
    /// The session for a live check about to spend <paramref name="requests"/> requests. When the run was stopped or the
    /// budget cannot cover them it throws <see cref="LiveCheckNotRunException"/>, which a [LiveFact]/[LiveTheory] test
    /// reports as "not run" (skipped); live mode off is a mistake in the calling test (it is not marked live).
    /// </summary>
    public static LiveSession Require(int requests)
    {
        if (!LiveSettings.Current.Enabled)
            throw new InvalidOperationException($"live mode is off: only a [LiveFact] or [LiveTheory] test starts a live session ({LiveSettings.LiveFlag}=1)");
        var session = Session.Value;
        if (session.Budget.Remaining < requests)
            throw new LiveCheckNotRunException($"live request budget exhausted ({session.Budget.Spent} of {session.Budget.Limit} spent); raise {LiveSettings.BudgetVariable}");
        return session;
    }

    public string BaseUrl { get; }
    public string ApiKey { get; }
    public string Model { get; }
    public string? RevokedKey { get; }
    public LiveBudget Budget { get; }
    public LiveSettings Settings { get; }

    /// <summary>The provider's profile and failure policy the session's clients judge by.</summary>
    public ContractSet Contracts { get; }

    /// <summary>The clock of the session's clients (their deadlines and attempt timers).</summary>
    public TimeProvider Time { get; }

    /// <summary>The chat-completions URL the checks call.</summary>
    public string ChatUrl => BaseUrl.TrimEnd('/') + "/" + Contracts.Profile.ChatCompletionsPath.Value;

    public string Target => Settings.Simulate ? "live-simulated" : "live";

    /// <summary>A model name no provider serves, to provoke the unknown-model answer.</summary>
    public static string UnknownModel => LiveSimulator.UnknownModel;

    /// <summary>A client on the live endpoint: no retries (a live check never retries unless it is about retrying), budgeted transport.</summary>
    /// <param name="time">The client's clock; the session's by default.</param>
    /// <param name="wrapTransport">Wraps the socket handler, inside the budget (what a check does to the wire).</param>
    public CometApiChatClient CreateClient(LogCapture logs, InMemoryUsageLedger ledger, Action<CometApiOptions>? configure = null,
        TimeProvider? time = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapTransport = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var options = new CometApiOptions
        {
            ApiKey = ApiKey,
            ApiKeySource = Settings.ApiKeyVariable ?? "simulator",
            ProviderName = Contracts.Profile.Provider,
            BaseUrl = BaseUrl,
            Model = Model,
            TotalTimeout = Settings.Timeout,
            AttemptTimeout = Settings.Timeout,
            Retry = new RetrySettings { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new CometApiChatClient(options, Contracts, Transport(wrapTransport), logs.Factory, timeProvider: time ?? Time, ledger: ledger);
    }

    /// <summary>For raw live requests (shapes, the models list): the same budgeted transport as the clients.</summary>
    public HttpClient CreateHttpClient() => new(Transport()) { Timeout = Settings.Timeout };

    /// <summary>Adds the live key as the profile's auth header.</summary>
    public HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(Contracts.Profile.AuthScheme.Value, ApiKey);
        return request;
    }

    /// <summary>Every live request goes through the budget, and no redirect is followed (the key stays on this host).</summary>
    private HttpMessageHandler Transport(Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        HttpMessageHandler sockets = new SocketsHttpHandler { AllowAutoRedirect = false };
        // Record mode (LiveRecording.cs) sees each answer as the check's client gets it; off, the budget is outermost.
        return LiveRecording.Wrap(new BudgetedHandler(Budget, wrap is null ? sockets : wrap(sockets)), this);
    }

    /// <summary>The checklist's PONG request, within the token cap.</summary>
    public ChatCompletionRequest PongRequest() => LeakMarkers.PongRequest(Budget.MaxTokens);

    private static LiveSession Start(LiveSettings settings)
    {
        // Fail closed before any request: a profile nobody wrote cannot judge a provider.
        if (settings.ProviderProblem is { } problem) throw new InvalidOperationException(problem);
        var budget = new LiveBudget(settings.Budget, settings.MaxTokens);
        if (settings.Simulate)
        {
            _simulator = LiveSimulator.For(settings.Provider);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _simulator.Dispose();
            return new LiveSession(_simulator.BaseUrl, LiveSimulator.ValidKey, settings.Model ?? LiveSimulator.Model, LiveSimulator.RevokedKey, budget, settings);
        }

        // Fail closed before any request: a live run without a key or model is a configuration error.
        if (settings.ApiKey is null)
            throw new InvalidOperationException($"{LiveSettings.LiveFlag}=1 needs {CometApiConfiguration.ApiKey} (or {CometApiConfiguration.ApiKeyAlias}) in the environment or user-secrets");
        if (settings.Model is null)
            throw new InvalidOperationException($"{LiveSettings.LiveFlag}=1 needs {CometApiConfiguration.Model}");
        return new LiveSession(settings.BaseUrl ?? LiveContracts.Profile.DefaultBaseUrl.Value, settings.ApiKey, settings.Model, settings.RevokedKey, budget, settings);
    }
}
