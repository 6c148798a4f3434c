using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Network;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Transport;

namespace Rapport.Libp2p.Tests.Network;

/// <summary>
/// The host's transport, security protocol and stream muxer are seams (Libp2pOptions): what is plugged in is what
/// connections are made, secured and multiplexed with, and the security and muxer ids are what peers negotiate.
/// </summary>
public sealed class HostSeamTests
{
    private static readonly Multiaddr Loopback = Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value;

    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task The_plugged_transport_makes_every_connection_either_way()
    {
        var transport = new CountingTransport(new TcpTransport());
        await using var listener = new Libp2pHost(NodeIdentity.Generate(), new Libp2pOptions { Transport = transport });
        await using var dialer = new Libp2pHost(NodeIdentity.Generate(), new Libp2pOptions { Transport = transport });
        var address = (await listener.ListenAsync([Loopback], Soon)).Value[0];

        Assert.True((await dialer.PingAsync(address, Soon)).IsSuccess);

        Assert.Equal(1, transport.Listens);
        Assert.Equal(1, transport.Dials);
        Assert.Equal(1, transport.Accepts);
    }

    [Fact]
    public async Task An_address_no_plugged_transport_dials_fails_with_dial_failed()
    {
        await using var dialer = new Libp2pHost(NodeIdentity.Generate(), new Libp2pOptions { Transport = new CountingTransport(new TcpTransport(), dials: false) });

        var dialed = await dialer.ConnectAsync(Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{NodeIdentity.Generate().PeerId}").Value, Soon);

        Assert.True(dialed.IsFailure);
        Assert.Equal(NetworkErrors.DialFailed, dialed.Error.Code);
        Assert.Empty(dialer.Connections);
    }

    [Fact]
    public async Task Hosts_agree_on_the_plugged_security_and_muxer_ids_and_a_host_without_them_is_refused()
    {
        var options = new Libp2pOptions { Security = new RenamedSecurity("/noise-renamed"), Muxer = new RenamedMuxer("/yamux-renamed/1.0.0") };
        await using var listener = new Libp2pHost(NodeIdentity.Generate(), options);
        await using var dialer = new Libp2pHost(NodeIdentity.Generate(), options);
        await using var stock = new Libp2pHost(NodeIdentity.Generate());
        var address = (await listener.ListenAsync([Loopback], Soon)).Value[0];

        Assert.True((await dialer.PingAsync(address, Soon)).IsSuccess);
        var connection = Assert.Single(dialer.Connections);
        Assert.Equal(listener.PeerId, connection.RemotePeer);

        var refused = await stock.PingAsync(address, Soon);
        Assert.True(refused.IsFailure);
        Assert.Equal(NetworkErrors.SecurityNegotiationFailed, refused.Error.Code);
    }

    [Fact]
    public async Task A_muxer_the_peer_does_not_speak_fails_the_connection_with_muxer_negotiation_failed()
    {
        await using var listener = new Libp2pHost(NodeIdentity.Generate(), new Libp2pOptions { Muxer = new RenamedMuxer("/yamux-renamed/1.0.0") });
        await using var stock = new Libp2pHost(NodeIdentity.Generate());
        var address = (await listener.ListenAsync([Loopback], Soon)).Value[0];

        var refused = await stock.ConnectAsync(address, Soon);

        Assert.True(refused.IsFailure);
        Assert.Equal(NetworkErrors.MuxerNegotiationFailed, refused.Error.Code);
    }

    /// <summary>A transport that counts what the host asks of it.</summary>
    private sealed class CountingTransport(ITransport inner, bool dials = true) : ITransport
    {
        private int _dials;
        private int _listens;
        private int _accepts;

        public int Dials => Volatile.Read(ref _dials);
        public int Listens => Volatile.Read(ref _listens);
        public int Accepts => Volatile.Read(ref _accepts);

        public bool CanDial(Multiaddr address) => dials && inner.CanDial(address);

        public Task<Stream> DialAsync(Multiaddr address, CancellationToken ct)
        {
            Interlocked.Increment(ref _dials);
            return inner.DialAsync(address, ct);
        }

        public async Task<ITransportListener> ListenAsync(Multiaddr address, CancellationToken ct)
        {
            Interlocked.Increment(ref _listens);
            return new CountingListener(await inner.ListenAsync(address, ct), () => Interlocked.Increment(ref _accepts));
        }

        private sealed class CountingListener(ITransportListener inner, Action accepted) : ITransportListener
        {
            public Multiaddr LocalAddress => inner.LocalAddress;

            public async Task<(Stream Stream, Multiaddr Remote)> AcceptAsync(CancellationToken ct)
            {
                var connection = await inner.AcceptAsync(ct);
                accepted();
                return connection;
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    /// <summary>Noise under another protocol id: only hosts that plugged it in can agree on it.</summary>
    private sealed class RenamedSecurity(string id) : ISecurityProtocol
    {
        private readonly NoiseSecurity _noise = new();

        public string ProtocolId => id;

        public Task<Result<SecuredStream>> SecureOutboundAsync(
            Stream raw, NodeIdentity local, PeerId? expected, SecurityNegotiation negotiation, IReadOnlyList<string> streamMuxers, CancellationToken ct) =>
            _noise.SecureOutboundAsync(raw, local, expected, negotiation, streamMuxers, ct);

        public Task<Result<SecuredStream>> SecureInboundAsync(Stream raw, NodeIdentity local, IReadOnlyList<string> streamMuxers, CancellationToken ct) =>
            _noise.SecureInboundAsync(raw, local, streamMuxers, ct);
    }

    /// <summary>yamux under another protocol id.</summary>
    private sealed class RenamedMuxer(string id) : IStreamMuxer
    {
        private readonly YamuxMuxer _yamux = new();

        public string ProtocolId => id;

        public IMuxedSession Start(Stream secured, bool initiator, Action<string> log) => _yamux.Start(secured, initiator, log);
    }
}
