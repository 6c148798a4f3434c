using System.Net;
using System.Net.Sockets;
using Rapport.Libp2p.Addressing;

namespace Rapport.Libp2p.Transport;

/// <summary>Raw TCP for /ip4, /ip6, /dns, /dns4, /dns6 addresses followed by /tcp.</summary>
public sealed class TcpTransport : ITransport
{
    public bool CanDial(Multiaddr address) => address?.ToEndPoint().IsSuccess == true;

    /// <summary>Connects to <paramref name="address"/>; the caller bounds the dial time with <paramref name="ct"/>.</summary>
    /// <exception cref="ArgumentException">The address is not a dialable TCP address.</exception>
    /// <exception cref="SocketException">The connection could not be made.</exception>
    public async Task<Stream> DialAsync(Multiaddr address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        var endPoint = address.ToEndPoint();
        if (endPoint.IsFailure)
        {
            throw new ArgumentException(endPoint.Error.Message, nameof(address));
        }

        IPAddress[] candidates = endPoint.Value switch
        {
            IPEndPoint ip => [ip.Address],
            DnsEndPoint dns => await ResolveAsync(dns, ct).ConfigureAwait(false),
            _ => throw new ArgumentException($"'{address}' has no TCP endpoint", nameof(address)),
        };
        var port = endPoint.Value is IPEndPoint p ? p.Port : ((DnsEndPoint)endPoint.Value).Port;

        SocketException? last = null;
        foreach (var ip in candidates)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(ip, port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Listens on an /ip4 or /ip6 …/tcp/PORT address (port 0 picks a free port).</summary>
    public Task<ITransportListener> ListenAsync(Multiaddr address, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ct.ThrowIfCancellationRequested();
        var endPoint = address.ToEndPoint();
        if (endPoint.IsFailure || endPoint.Value is not IPEndPoint ip)
        {
            throw new ArgumentException($"cannot listen on '{address}': an /ip4 or /ip6 address followed by /tcp is required", nameof(address));
        }

        var listener = new TcpListener(ip);
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            listener.Server.DualMode = false;
        }

        listener.Start();
        return Task.FromResult<ITransportListener>(new TcpTransportListener(listener));
    }

    private static async Task<IPAddress[]> ResolveAsync(DnsEndPoint dns, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(dns.Host, dns.AddressFamily, ct).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return addresses;
    }
}
