using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// A provider under load: numbers each request as it arrives and answers as <see cref="FaultMix"/> says — the pong
/// completion, a 500 or 503 error body, a connection reset (<see cref="ConnectionResetResponder"/>), or a slow answer
/// whose body stalls until the client gives up (<see cref="StalledBodyResponder"/>). Counts what it served.
/// </summary>
/// <param name="stalls">Told when a slow answer's stall begins and ends.</param>
public sealed class FaultMixResponder(FaultMix mix, StallSignals? stalls = null) : IResponseProvider
{
    private readonly ConnectionResetResponder _reset = new();
    private readonly StalledBodyResponder _slow = new(mix.SuccessBody, mix.SuccessBody.Length / 2, stalls: stalls);
    private readonly ConcurrentDictionary<LoadFault, int> _served = new();
    private int _requests;

    /// <summary>Requests answered so far, by fault (<see cref="LoadFault.None"/> for the good answers).</summary>
    public int Served(LoadFault fault) => _served.GetValueOrDefault(fault);

    public int FaultsServed => _served.Where(p => p.Key != LoadFault.None).Sum(p => p.Value);

    /// <inheritdoc />
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = Interlocked.Increment(ref _requests) - 1;
        var fault = mix.For(request);
        _served.AddOrUpdate(fault, 1, (_, n) => n + 1);
        switch (fault)
        {
            case LoadFault.ConnectionReset:
                return await _reset.ProvideResponseAsync(mapping, context, requestMessage, settings).ConfigureAwait(false);
            case LoadFault.Slow:
                return await _slow.ProvideResponseAsync(mapping, context, requestMessage, settings).ConfigureAwait(false);
            case LoadFault.ServerError500 or LoadFault.Unavailable503:
                await WriteAsync(context, fault == LoadFault.ServerError500 ? 500 : 503, System.Text.Encoding.UTF8.GetBytes(mix.ErrorFor(request)), request).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(context, 200, mix.SuccessBody, request).ConfigureAwait(false);
                break;
        }

        return ResponderResult.AlreadyWritten;
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body, int request)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        context.Response.Headers["x-request-id"] = FaultMix.RequestId(request);
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
    }
}
