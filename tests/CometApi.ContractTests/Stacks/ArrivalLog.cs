using WireMock.Server;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// A loopback WireMock server that notes when each request arrives. WireMock's own log gets an entry only once the
/// response is over (after a 2 s delay, or never for a request the client aborted mid-delay); arrivals are known
/// the moment the stack sends, so a call that has ended has all its attempts counted.
/// </summary>
public sealed class ArrivalLog : IDisposable
{
    private readonly RequestArrivals _arrivals = new();

    public ArrivalLog()
    {
        Server = LoopbackServer.Start(_arrivals);
    }

    public WireMockServer Server { get; }

    /// <summary>When each request arrived, in order.</summary>
    public IReadOnlyList<DateTime> Arrivals => [.. _arrivals.Requests.Select(r => r.ArrivedAt)];

    public void Dispose() => Server.Dispose();
}
