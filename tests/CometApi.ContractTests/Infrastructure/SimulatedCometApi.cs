using WireMock.Server;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// One test's simulated world: a WireMock server standing in for CometAPI (random port, so tests run in
/// parallel), an optional second server as the fallback provider, a fresh fake key, and captured logs.
/// </summary>
public sealed class SimulatedCometApi : ClientWorld
{
    public SimulatedCometApi()
    {
        SimulatorWarmup.Ensure();
        Primary = LoopbackServer.Start(PrimaryArrivals);
        Owned.Add(Primary);
    }

    private ResponseWatch? _watch;

    public WireMockServer Primary { get; }
    public WireMockServer? Fallback { get; private set; }
    public override string ChatEndpoint => Primary.Url + "/v1/chat/completions";
    protected override string? FallbackChatEndpoint => Fallback is null ? null : Fallback.Url + "/v1/chat/completions";

    /// <summary>Requests the primary provider received, recorded as they arrive.</summary>
    public RequestArrivals PrimaryArrivals { get; } = new();

    /// <summary>Requests the fallback provider received; empty until it is started.</summary>
    public RequestArrivals FallbackArrivals { get; } = new();

    /// <summary>
    /// HTTP requests the primary provider received. Counted on arrival, so once a call has returned the count is
    /// final: every attempt the client made arrived before the client could judge it.
    /// </summary>
    public int PrimaryAttempts => PrimaryArrivals.Count;

    public int FallbackAttempts => FallbackArrivals.Count;

    /// <summary>Told by the responders when they stall on purpose (pass to <c>ScenarioSimulator.Mount</c>).</summary>
    public StallSignals Stalls { get; } = new();

    /// <summary>
    /// Makes clients created from now on read their responses through a <see cref="ResponseWatch"/> (real sockets),
    /// for <see cref="StallDriver"/>.
    /// </summary>
    public ResponseWatch WatchResponses()
    {
        if (_watch is null)
        {
            _watch = new ResponseWatch();
            Owned.Add(_watch);
        }

        return _watch;
    }

    protected override HttpMessageHandler? Transport => _watch;

    /// <summary>
    /// The n-th stall of a primary that holds back even its headers (a mapping's Delay): it begins when the n-th
    /// request arrives, with no body bytes sent (for <see cref="StallDriver"/>).
    /// </summary>
    public async Task<long?> HeldHeadersStallAsync(int n)
    {
        await PrimaryArrivals.WhenCountAsync(n);
        return null;
    }

    /// <summary>Starts the fallback provider; <paramref name="mount"/> decides how it answers.</summary>
    public WireMockServer StartFallback(Action<WireMockServer> mount)
    {
        Fallback = LoopbackServer.Start(FallbackArrivals);
        Owned.Add(Fallback);
        mount(Fallback);
        return Fallback;
    }

    /// <summary>Every request body the primary and (when started) the fallback provider received, named by where it went.</summary>
    public IEnumerable<(string Where, string? Body)> ReceivedBodies() =>
        PrimaryArrivals.Requests.Select((r, i) => (Where: $"cometapi request {i + 1}", (string?)r.Body))
            .Concat(FallbackArrivals.Requests.Select((r, i) => (Where: $"fallback request {i + 1}", (string?)r.Body)));
}
