using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// Simulates a connection reset before any response byte: the request is read (and logged by WireMock),
/// then the connection is aborted. The client sees an <see cref="HttpRequestException"/> wrapping an
/// <see cref="IOException"/> ("Connection reset by peer" or "response ended prematurely").
/// WireMock.Net has no fault type for this.
/// </summary>
public sealed class ConnectionResetResponder : IResponseProvider
{
    /// <inheritdoc />
    public Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Abort();
        return Task.FromResult(ResponderResult.AlreadyWritten);
    }
}
