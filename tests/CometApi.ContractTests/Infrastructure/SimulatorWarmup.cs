using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// The first WireMock request of a process takes up to ~1.4 s on this hardware (Kestrel and JIT warm-up). Paid
/// once, before any test, so the simulation's millisecond timers measure the client, not the cold start.
/// </summary>
internal static class SimulatorWarmup
{
    private static readonly Lazy<bool> Done = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void Ensure() => _ = Done.Value;

    private static bool Run()
    {
        using var server = LoopbackServer.Start();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody("""{"choices":[{"index":0,"message":{"role":"assistant","content":"pong"},"finish_reason":"stop"}]}"""));
        var options = new CometApiOptions { ApiKey = "sk-warmup-000000", Model = "m", ChatEndpoint = server.Url + "/v1/chat/completions" };
        using var client = new CometApiChatClient(options, TestContracts.Set);
        for (var i = 0; i < 3; i++)
            client.CompleteAsync(LeakMarkers.PongRequest()).GetAwaiter().GetResult();
        return true;
    }
}
