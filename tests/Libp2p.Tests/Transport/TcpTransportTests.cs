using System.Net.Sockets;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Transport;

namespace Rapport.Libp2p.Tests.Transport;

public class TcpTransportTests
{
    [Theory]
    [InlineData("/ip4/127.0.0.1/tcp/0")]
    [InlineData("/ip6/::1/tcp/0")]
    public async Task Dial_reaches_the_listener_and_bytes_flow_both_ways(string listenAddress)
    {
        if (listenAddress.StartsWith("/ip6", StringComparison.Ordinal) && !Socket.OSSupportsIPv6)
        {
            return;
        }

        var (dialer, listener) = await LoopbackPair.ConnectAsync(listenAddress);
        await using var d = dialer;
        await using var l = listener;
        await d.WriteAsync("hi"u8.ToArray());
        var buffer = new byte[2];
        await l.ReadExactlyAsync(buffer);
        Assert.Equal("hi"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task Listener_reports_its_resolved_port_and_the_remote_address()
    {
        var transport = new TcpTransport();
        await using var listener = await transport.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value);
        var port = ((System.Net.IPEndPoint)listener.LocalAddress.ToEndPoint().Value).Port;
        Assert.NotEqual(0, port);
        var accept = listener.AcceptAsync(CancellationToken.None);
        await using var dialed = await transport.DialAsync(Multiaddr.Parse($"/dns4/localhost/tcp/{port}").Value, CancellationToken.None);
        var (stream, remote) = await accept;
        await using var _ = stream;
        Assert.StartsWith("/ip4/127.0.0.1/tcp/", remote.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dialing_a_closed_port_fails_and_unsupported_addresses_are_refused()
    {
        var transport = new TcpTransport();
        int port;
        await using (var listener = await transport.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value))
        {
            port = ((System.Net.IPEndPoint)listener.LocalAddress.ToEndPoint().Value).Port;
        }

        await Assert.ThrowsAsync<SocketException>(() => transport.DialAsync(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{port}").Value, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => transport.DialAsync(Multiaddr.Parse("/ip4/127.0.0.1/udp/1").Value, CancellationToken.None));
    }
}
