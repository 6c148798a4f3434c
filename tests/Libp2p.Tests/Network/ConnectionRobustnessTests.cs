using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Negotiation;
using Rapport.Libp2p.Network;
using Rapport.Libp2p.Security;

namespace Rapport.Libp2p.Tests.Network;

/// <summary>
/// A bad peer costs only its own connection: each case feeds the listener broken input at one layer, then checks
/// the connection was dropped with a logged reason and a well-behaved peer is still served.
/// </summary>
public sealed class ConnectionRobustnessTests
{
    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task Garbage_instead_of_multistream_closes_that_connection_only()
    {
        await using var node = await LoggedHost.ListenAsync();
        using var raw = await RawConnectAsync(node.Address);
        var stream = raw.GetStream();

        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), Soon);

        Assert.Equal(0, await ReadUntilClosedAsync(stream));
        await node.WaitForLogAsync(l => l.Contains("closed", StringComparison.Ordinal) && l.StartsWith("inbound", StringComparison.Ordinal));
        await AssertStillServesAsync(node);
    }

    [Fact]
    public async Task Dialing_with_a_peer_id_other_than_the_listeners_fails_and_the_listener_goes_on()
    {
        await using var node = await LoggedHost.ListenAsync();
        await using var dialer = LoggedHost.Dialer();
        var impostor = node.Address.WithoutPeerId().With(NodeIdentity.Generate().PeerId);

        var ping = await dialer.Host.PingAsync(impostor, Soon);

        Assert.True(ping.IsFailure);
        Assert.Equal(NetworkErrors.HandshakeFailed, ping.Error.Code);
        Assert.Empty(dialer.Host.Connections);
        await AssertStillServesAsync(node);
    }

    [Fact]
    public async Task Noise_handshake_with_a_corrupted_message_is_rejected_and_the_listener_goes_on()
    {
        await using var node = await LoggedHost.ListenAsync();
        using var raw = await RawConnectAsync(node.Address);
        var stream = raw.GetStream();
        Assert.True((await Multistream.SelectAsync(stream, [NoiseHandshake.ProtocolId], Soon)).IsSuccess);

        // A well-formed frame whose content is not a valid ephemeral key + payload.
        var frame = new byte[2 + 200];
        frame[0] = 0;
        frame[1] = 200;
        Random.Shared.NextBytes(frame.AsSpan(2));
        await stream.WriteAsync(frame, Soon);
        var secondMessage = new byte[65_537];
        _ = await stream.ReadAsync(secondMessage, Soon);
        await stream.WriteAsync(frame, Soon);

        Assert.Equal(0, await ReadUntilClosedAsync(stream));
        await node.WaitForLogAsync(l => l.StartsWith("inbound", StringComparison.Ordinal) && l.Contains("closed", StringComparison.Ordinal));
        await AssertStillServesAsync(node);
    }

    [Fact]
    public async Task Yamux_protocol_violation_closes_that_connection_with_a_logged_reason()
    {
        await using var node = await LoggedHost.ListenAsync();
        using var raw = await RawConnectAsync(node.Address);
        var channel = await SecureAndSelectYamuxAsync(raw.GetStream(), node.Host.PeerId);

        // Version 7 is not yamux; the header is otherwise plausible (data frame on stream 1).
        await channel.WriteAsync(new byte[] { 7, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 1, 2, 3, 4 }, Soon);
        await channel.FlushAsync(Soon);

        Assert.Equal(0, await ReadUntilClosedAsync(channel));
        await node.WaitForLogAsync(l => l.StartsWith("disconnected", StringComparison.Ordinal));
        await LoggedHost.WaitUntilAsync(() => node.Host.Connections.Count == 0);
        await AssertStillServesAsync(node);
    }

    [Fact]
    public async Task Connections_beyond_the_maximum_are_refused_and_free_slots_are_reused()
    {
        await using var node = await LoggedHost.ListenAsync(new Libp2pOptions { MaxConnections = 2 });
        await using var a = LoggedHost.Dialer();
        await using var b = LoggedHost.Dialer();
        await using var c = LoggedHost.Dialer(new Libp2pOptions { DialTimeout = TimeSpan.FromSeconds(15) });
        Assert.True((await a.Host.PingAsync(node.Address, Soon)).IsSuccess);
        Assert.True((await b.Host.PingAsync(node.Address, Soon)).IsSuccess);

        var third = await c.Host.PingAsync(node.Address, Soon);

        Assert.True(third.IsFailure);
        await node.WaitForLogAsync(l => l.StartsWith("refused", StringComparison.Ordinal));
        Assert.Equal(2, node.Host.Connections.Count);

        await a.Host.StopAsync();
        await LoggedHost.WaitUntilAsync(() => node.Host.Connections.Count == 1);
        Assert.True((await c.Host.PingAsync(node.Address, Soon)).IsSuccess);
    }

    [Fact]
    public async Task Idle_connections_are_closed_on_both_sides()
    {
        // Long enough that a stalled machine cannot sweep the connection away between dial and ping.
        await using var node = await LoggedHost.ListenAsync(new Libp2pOptions { IdleTimeout = TimeSpan.FromSeconds(2) });
        await using var dialer = LoggedHost.Dialer();
        Assert.True((await dialer.Host.PingAsync(node.Address, Soon)).IsSuccess);

        await LoggedHost.WaitUntilAsync(() => node.Host.Connections.Count == 0 && dialer.Host.Connections.Count == 0);

        await node.WaitForLogAsync(l => l.StartsWith("closing idle", StringComparison.Ordinal));
        Assert.True((await dialer.Host.PingAsync(node.Address, Soon)).IsSuccess);
    }

    [Fact]
    public async Task Stopping_a_node_closes_its_connections_and_refuses_new_dials()
    {
        var node = await LoggedHost.ListenAsync();
        await using var dialer = LoggedHost.Dialer(new Libp2pOptions { DialTimeout = TimeSpan.FromSeconds(15) });
        var connection = await dialer.Host.ConnectAsync(node.Address, Soon);
        Assert.True(connection.IsSuccess);
        var clock = Stopwatch.StartNew();

        await node.Host.StopAsync();

        await connection.Value.Completion.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the connection ended only after {clock.Elapsed}");
        Assert.Empty(node.Host.Connections);
        Assert.True((await dialer.Host.PingAsync(node.Address, Soon)).IsFailure);
        await node.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_dials_to_one_peer_share_one_connection()
    {
        await using var node = await LoggedHost.ListenAsync();
        await using var dialer = LoggedHost.Dialer();

        var dials = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dialer.Host.ConnectAsync(node.Address, Soon)));
        var pings = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dialer.Host.PingAsync(node.Address, Soon)));

        Assert.All(dials, d => Assert.Same(dials[0].Value, d.Value));
        Assert.All(pings, p => Assert.True(p.IsSuccess));
        Assert.Single(dialer.Host.Connections);
        Assert.Single(node.Host.Connections);
    }

    [Fact]
    public async Task Dialing_a_listener_that_never_answers_times_out_promptly()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var dialer = LoggedHost.Dialer(new Libp2pOptions { DialTimeout = TimeSpan.FromMilliseconds(500) });
        var address = Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{port}/p2p/{NodeIdentity.Generate().PeerId}").Value;
        var clock = Stopwatch.StartNew();

        var dialed = await dialer.Host.ConnectAsync(address, Soon);

        Assert.True(dialed.IsFailure);
        Assert.Equal(NetworkErrors.DialTimeout, dialed.Error.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(dialer.Host.Connections);
    }

    [Fact]
    public async Task Dialing_a_closed_port_fails_with_a_clear_error()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var dialer = LoggedHost.Dialer();

        var dialed = await dialer.Host.PingAsync(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/{port}/p2p/{NodeIdentity.Generate().PeerId}").Value, Soon);

        Assert.True(dialed.IsFailure);
        Assert.Equal(NetworkErrors.DialFailed, dialed.Error.Code);
    }

    [Fact]
    public async Task Listening_on_a_non_tcp_address_is_a_clear_error()
    {
        await using var node = LoggedHost.Dialer();

        var listening = await node.Host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/udp/5").Value], Soon);

        Assert.True(listening.IsFailure);
        Assert.Equal(NetworkErrors.InvalidListenAddress, listening.Error.Code);
        Assert.DoesNotContain("(Parameter", listening.Error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertStillServesAsync(LoggedHost node)
    {
        await using var good = LoggedHost.Dialer();
        var ping = await good.Host.PingAsync(node.Address, Soon);
        Assert.True(ping.IsSuccess, ping.IsFailure ? ping.Error.Message : null);
    }

    private static async Task<TcpClient> RawConnectAsync(Multiaddr address)
    {
        var endPoint = (IPEndPoint)address.ToEndPoint().Value;
        var client = new TcpClient();
        await client.ConnectAsync(endPoint, Soon);
        return client;
    }

    private static async Task<SecureChannel> SecureAndSelectYamuxAsync(Stream raw, PeerId remote)
    {
        Assert.True((await Multistream.SelectAsync(raw, [NoiseHandshake.ProtocolId], Soon)).IsSuccess);
        var secured = await NoiseHandshake.InitiateAsync(raw, NodeIdentity.Generate(), remote, Soon);
        Assert.True(secured.IsSuccess);
        Assert.True((await Multistream.SelectAsync(secured.Value, [YamuxMuxer.Id], Soon)).IsSuccess);
        return secured.Value;
    }

    /// <summary>Reads until the node closes the connection; returns 0 at end of stream (a reset counts as closed).</summary>
    private static async Task<int> ReadUntilClosedAsync(Stream stream)
    {
        var buffer = new byte[65_536];
        try
        {
            while (await stream.ReadAsync(buffer, Soon) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
