using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// Simulates a body that stalls: status 200, the headers (Content-Length of the whole body) and the first
/// <c>sendBytes</c> bytes are sent and flushed, then nothing more until the client aborts the request.
/// A static mapping's <c>Delay</c> cannot do this: it holds back the headers too.
/// </summary>
public sealed class StalledBodyResponder : IResponseProvider
{
    /// <summary>The longest a stalled response is held open when the client never gives up.</summary>
    public static readonly TimeSpan SafetyCap = TimeSpan.FromSeconds(30);

    private readonly byte[] _body;
    private readonly int _sendBytes;
    private readonly Dictionary<string, string> _headers;
    private readonly StallSignals? _stalls;

    /// <param name="body">The whole body the response announces.</param>
    /// <param name="sendBytes">How many bytes of it are sent before the stall (0 to body length).</param>
    /// <param name="headers">Extra response headers, e.g. <c>x-request-id</c>; a Content-Type here replaces application/json.</param>
    /// <param name="stalls">Told when the first bytes are flushed and the stall begins.</param>
    public StalledBodyResponder(byte[] body, int sendBytes, IDictionary<string, string>? headers = null, StallSignals? stalls = null)
    {
        _stalls = stalls;
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(sendBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sendBytes, body.Length);
        _body = body;
        _sendBytes = sendBytes;
        _headers = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var aborted = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = _body.Length;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }

        var stalled = false;
        var clientLeft = true;
        try
        {
            await response.Body.WriteAsync(_body.AsMemory(0, _sendBytes), aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            _stalls?.Stalled(_sendBytes);
            stalled = true;
            await Task.Delay(SafetyCap, aborted).ConfigureAwait(false);

            // Nobody gave up within the cap: never let the partial body end as if it were complete.
            clientLeft = false;
            context.Abort();
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client aborted the request: the simulation is over.
        }
        catch (IOException)
        {
            // The connection went away while writing.
        }
        finally
        {
            if (stalled) _stalls?.Over(clientLeft);
        }

        return ResponderResult.AlreadyWritten;
    }
}
