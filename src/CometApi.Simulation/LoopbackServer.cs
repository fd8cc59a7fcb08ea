using WireMock.Server;

namespace CometApi.Simulation;

/// <summary>A WireMock server on a random port of 127.0.0.1 only: the default binds every interface.</summary>
public static class LoopbackServer
{
    public static WireMockServer Start() => WireMockServer.Start(SimulationServerSettings.For("http://127.0.0.1:0"));

    /// <summary>The same server, with every request recorded in <paramref name="arrivals"/> as it arrives.</summary>
    public static WireMockServer Start(RequestArrivals arrivals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        return WireMockServer.Start(SimulationServerSettings.For("http://127.0.0.1:0", arrivals.Attach));
    }
}
