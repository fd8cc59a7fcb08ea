using System.Net;
using System.Net.Sockets;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// An HttpClient handler that connects to loopback only. A stack that follows the redirect scenario's 301 to the
/// provider's website would otherwise leave the machine, and its recorded outcome would depend on whether the machine
/// has internet (no test may); here that hop fails at once, the same way everywhere.
/// </summary>
public static class LoopbackOnly
{
    public static SocketsHttpHandler Handler() => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : context.DnsEndPoint.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback] : Array.Empty<IPAddress>();
            if (addresses.Length == 0 || !addresses.All(IPAddress.IsLoopback))
                throw new HttpRequestException($"The stack matrix stays on this machine: refused to connect to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}.");

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(addresses[0], context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
