using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Transport;

namespace Rapport.Libp2p.Tests.Transport;

/// <summary>Two ends of a real loopback TCP connection made through <see cref="TcpTransport"/>.</summary>
public static class LoopbackPair
{
    public static async Task<(Stream Dialer, Stream Listener)> ConnectAsync(string listenAddress = "/ip4/127.0.0.1/tcp/0")
    {
        var transport = new TcpTransport();
        await using var listener = await transport.ListenAsync(Multiaddr.Parse(listenAddress).Value);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var accept = listener.AcceptAsync(cts.Token);
        var dialer = await transport.DialAsync(listener.LocalAddress, cts.Token);
        var (accepted, _) = await accept;
        return (dialer, accepted);
    }
}
