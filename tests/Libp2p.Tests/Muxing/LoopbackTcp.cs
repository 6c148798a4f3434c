using System.Net;
using System.Net.Sockets;

namespace Rapport.Libp2p.Tests.Muxing;

/// <summary>A real TCP connection over loopback: (dialer side, listener side).</summary>
internal static class LoopbackTcp
{
    public static async Task<(NetworkStream Client, NetworkStream Server)> ConnectAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient { NoDelay = true };
        var accept = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await accept;
        server.NoDelay = true;
        return (new NetworkStream(client.Client, ownsSocket: true), new NetworkStream(server.Client, ownsSocket: true));
    }
}
