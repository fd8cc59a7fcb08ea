using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// The WireMock settings every simulation server starts from (loopback URL, the arrival recorder in front of WireMock),
/// kept in one place so the suite's servers, the stack matrix and the standalone simulator cannot drift apart.
/// </summary>
public static class SimulationServerSettings
{
    public static WireMockServerSettings For(string url, Action<object>? beforeWireMock = null) => new()
    {
        Urls = [url],
        PreWireMockMiddlewareInit = beforeWireMock,
    };
}
