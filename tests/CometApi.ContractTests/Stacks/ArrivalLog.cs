using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using WireMock.Server;
using WireMock.Settings;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// A loopback WireMock server that notes when each request arrives. WireMock's own log gets an entry only once the
/// response is over (after a 2 s delay, or never for a request the client aborted mid-delay); arrivals are known
/// the moment the stack sends, so a call that has ended has all its attempts counted.
/// </summary>
public sealed class ArrivalLog : IDisposable
{
    private readonly ConcurrentQueue<DateTime> _arrivals = new();

    public ArrivalLog()
    {
        Server = WireMockServer.Start(SimulationServerSettings.For("http://127.0.0.1:0", app => ((IApplicationBuilder)app).Use(async (context, next) =>
        {
            _arrivals.Enqueue(DateTime.UtcNow);
            await next(context);
        })));
    }

    public WireMockServer Server { get; }

    /// <summary>When each request arrived, in order.</summary>
    public IReadOnlyList<DateTime> Arrivals => [.. _arrivals];

    public void Dispose() => Server.Dispose();
}
