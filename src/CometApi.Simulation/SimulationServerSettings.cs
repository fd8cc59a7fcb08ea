using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// The WireMock settings every simulation server starts from. Kestrel's response buffer is set to zero so that a
/// responder's flush returns only once its bytes have left for the socket: a responder that writes two SSE events and
/// then aborts the connection (a cut stream) otherwise races Kestrel's output pipe, and under load the abort discarded
/// the last event before it was sent (a soak found it: the client then saw a cut before any delta and retried).
/// </summary>
public static class SimulationServerSettings
{
    public static WireMockServerSettings For(string url, Action<object>? beforeWireMock = null) => new()
    {
        Urls = [url],
        PreWireMockMiddlewareInit = beforeWireMock,
        AdditionalServiceRegistration = services =>
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxResponseBufferSize = 0),
    };
}
