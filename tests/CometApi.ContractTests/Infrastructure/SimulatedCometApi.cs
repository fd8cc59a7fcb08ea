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
        Primary = LoopbackServer.Start();
        Owned.Add(Primary);
    }

    public WireMockServer Primary { get; }
    public WireMockServer? Fallback { get; private set; }
    public override string ChatEndpoint => Primary.Url + "/v1/chat/completions";
    protected override string? FallbackChatEndpoint => Fallback is null ? null : Fallback.Url + "/v1/chat/completions";

    /// <summary>HTTP requests the primary provider received.</summary>
    public int PrimaryAttempts => Primary.LogEntries.Count;

    public int FallbackAttempts => Fallback?.LogEntries.Count ?? 0;

    /// <summary>
    /// WireMock logs a request only once its response is over, and an aborted one a moment after the abort.
    /// Waits (bounded) until <paramref name="expected"/> entries are there, then lets stragglers arrive, and
    /// returns the count: an exact assertion on it still fails on too few or too many attempts.
    /// </summary>
    public Task<int> SettledPrimaryAttemptsAsync(int expected) => SettledCountAsync(Primary, expected);

    /// <summary>The same wait for the fallback provider's log.</summary>
    public Task<int> SettledFallbackAttemptsAsync(int expected) =>
        Fallback is null ? Task.FromResult(0) : SettledCountAsync(Fallback, expected);

    private static async Task<int> SettledCountAsync(WireMockServer server, int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(3);
        while (server.LogEntries.Count < expected && DateTime.UtcNow < until) await Task.Delay(10);
        await Task.Delay(30);
        return server.LogEntries.Count;
    }

    /// <summary>Starts the fallback provider; <paramref name="mount"/> decides how it answers.</summary>
    public WireMockServer StartFallback(Action<WireMockServer> mount)
    {
        Fallback = LoopbackServer.Start();
        Owned.Add(Fallback);
        mount(Fallback);
        return Fallback;
    }

    /// <summary>Every request body the primary and (when started) the fallback provider received, named by where it went.</summary>
    public IEnumerable<(string Where, string? Body)> ReceivedBodies()
    {
        var servers = new List<(string Name, WireMockServer Server)> { ("cometapi", Primary) };
        if (Fallback is not null) servers.Add(("fallback", Fallback));
        return servers.SelectMany(s => s.Server.LogEntries.Select((e, i) => (Where: $"{s.Name} request {i + 1}", e.RequestMessage?.Body)));
    }
}
