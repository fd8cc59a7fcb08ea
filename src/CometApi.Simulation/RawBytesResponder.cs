using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// Answers every request with status 200 and whatever bytes <c>next</c> returns at that moment, byte for byte
/// (invalid UTF-8 included): how the fuzzer puts a mutated answer on real loopback HTTP.
/// </summary>
public sealed class RawBytesResponder(Func<(byte[] Body, string MediaType)> next) : IResponseProvider
{
    /// <inheritdoc />
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (body, mediaType) = next();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = mediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
        return ResponderResult.AlreadyWritten;
    }
}
