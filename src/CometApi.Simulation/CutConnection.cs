using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CometApi.Simulation;

/// <summary>
/// Plays a chunked HTTP/1.1 response straight onto the connection's socket and then half-closes it, so the client
/// receives every byte and then a connection that ends with no terminating chunk: a cut after the last byte, never
/// before it. Kestrel's own abort cannot promise that: it drops whatever its output pipe still holds, and under load
/// that was the last event (the stream-cut flake).
/// </summary>
public sealed class CutConnection
{
    private readonly Socket _socket;

    private CutConnection(Socket socket) => _socket = socket;

    /// <summary>The connection of <paramref name="context"/> when it is a plain HTTP/1.1 socket Kestrel has written nothing to yet; otherwise null.</summary>
    public static CutConnection? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        var untouched = !context.Response.HasStarted && HttpProtocol.IsHttp11(context.Request.Protocol);
        return socket is not null && untouched ? new CutConnection(socket) : null;
    }

    /// <summary>Sends the status line and headers of a chunked response; <paramref name="headers"/> are sent as given.</summary>
    public Task SendHeadAsync(int status, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("Transfer-Encoding: chunked\r\n\r\n");
        return SendAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
    }

    /// <summary>Sends <paramref name="data"/> as one chunk; returns once the kernel holds all of it.</summary>
    public async Task SendChunkAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty) return; // an empty chunk would end the body cleanly
        await SendAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
        await SendAsync(data, cancellationToken).ConfigureAwait(false);
        await SendAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the body without its terminating chunk: the socket's send side closes behind the bytes already queued
    /// (TCP delivers them before the FIN), then Kestrel is told to drop the connection.
    /// </summary>
    public void Cut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The client has gone already: there is nothing left to cut.
        }
        catch (ObjectDisposedException)
        {
        }

        context.Abort();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }
}
