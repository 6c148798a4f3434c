using System.Net;
using System.Net.Sockets;
using Rapport.Libp2p.Addressing;

namespace Rapport.Libp2p.Transport;

/// <summary>A listening TCP socket handing out accepted connections with their remote multiaddr.</summary>
public sealed class TcpTransportListener : ITransportListener
{
    private readonly TcpListener _listener;

    internal TcpTransportListener(TcpListener listener)
    {
        _listener = listener;
        LocalAddress = Multiaddr.FromEndPoint((IPEndPoint)listener.LocalEndpoint);
    }

    /// <summary>The bound address, with the actual port when 0 was requested.</summary>
    public Multiaddr LocalAddress { get; }

    public async Task<(Stream Stream, Multiaddr Remote)> AcceptAsync(CancellationToken ct)
    {
        var socket = await _listener.AcceptSocketAsync(ct).ConfigureAwait(false);
        socket.NoDelay = true;
        var remote = Multiaddr.FromEndPoint((IPEndPoint)socket.RemoteEndPoint!);
        return (new NetworkStream(socket, ownsSocket: true), remote);
    }

    public void Dispose() => _listener.Stop();

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
