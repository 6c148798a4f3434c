using System.Net;
using System.Net.Sockets;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Negotiation;
using Rapport.Libp2p.Network;
using Rapport.Libp2p.Protocols;
using Rapport.Libp2p.Security;

namespace Rapport.Libp2p.Tests.Network;

/// <summary>
/// The host offers yamux inside the Noise handshake (inlined muxer negotiation); a dialer without that extension
/// still gets yamux over multistream, every message sent separately as a strict peer would.
/// </summary>
public sealed class MuxerNegotiationTests
{
    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task A_dialer_without_inlined_muxer_negotiation_gets_yamux_over_multistream_and_a_ping_answer()
    {
        await using var node = await LoggedHost.ListenAsync();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)node.Address.ToEndPoint().Value, Soon);
        var raw = client.GetStream();

        Assert.Equal(NoiseHandshake.ProtocolId, (await Multistream.SelectAsync(raw, [NoiseHandshake.ProtocolId], Soon)).Value);
        var secured = await NoiseHandshake.InitiateAsync(raw, NodeIdentity.Generate(), node.Host.PeerId, Soon);
        Assert.True(secured.IsSuccess, secured.IsFailure ? secured.Error.Message : null);
        Assert.Equal([YamuxMuxer.Id], secured.Value.RemoteStreamMuxers);
        Assert.Equal(YamuxMuxer.Id, (await Multistream.SelectAsync(secured.Value, [YamuxMuxer.Id], Soon)).Value);

        await using var session = new YamuxSession(secured.Value, isInitiator: true);
        session.Start();
        await using var stream = await session.OpenStreamAsync(Soon);
        Assert.Equal(PingProtocol.Id, (await Multistream.SelectAsync(stream, [PingProtocol.Id], Soon)).Value);
        Assert.True(await PingProtocol.PingAsync(stream, Soon) >= TimeSpan.Zero);
    }

    [Fact]
    public async Task A_dialer_offering_yamux_in_the_handshake_speaks_yamux_straight_after_it()
    {
        await using var node = await LoggedHost.ListenAsync();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)node.Address.ToEndPoint().Value, Soon);
        var opening = new SecurityNegotiation(
            Multistream.FirstProposal(NoiseHandshake.ProtocolId),
            (raw, ct) => Multistream.SelectAfterFirstProposalAsync(raw, [NoiseHandshake.ProtocolId], ct));

        var secured = await NoiseHandshake.InitiateAsync(client.GetStream(), NodeIdentity.Generate(), node.Host.PeerId, opening, [YamuxMuxer.Id], Soon);

        // No multistream for the muxer: had the host expected one, these yamux frames would fail its negotiation.
        Assert.True(secured.IsSuccess, secured.IsFailure ? secured.Error.Message : null);
        await using var session = new YamuxSession(secured.Value, isInitiator: true);
        session.Start();
        await using var stream = await session.OpenStreamAsync(Soon);
        Assert.Equal(PingProtocol.Id, (await Multistream.SelectAsync(stream, [PingProtocol.Id], Soon)).Value);
        Assert.True(await PingProtocol.PingAsync(stream, Soon) >= TimeSpan.Zero);
    }
}
