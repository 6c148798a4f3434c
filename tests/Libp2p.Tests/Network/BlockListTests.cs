using Rapport.Libp2p.Network;

namespace Rapport.Libp2p.Tests.Network;

/// <summary>A blocked peer has no connection with the node either way until it is unblocked; everyone else is served.</summary>
public sealed class BlockListTests
{
    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task Blocking_a_connected_peer_closes_its_connection_and_dialing_it_fails_with_peer_blocked()
    {
        await using var node = await LoggedHost.ListenAsync();
        await using var peer = await LoggedHost.ListenAsync();
        Assert.True((await node.Host.ConnectAsync(peer.Address, Soon)).IsSuccess);

        await node.Host.Block(peer.Host.PeerId);

        Assert.Empty(node.Host.Connections);
        await LoggedHost.WaitUntilAsync(() => peer.Host.Connections.Count == 0);
        var dialed = await node.Host.ConnectAsync(peer.Address, Soon);
        Assert.True(dialed.IsFailure);
        Assert.Equal(NetworkErrors.PeerBlocked, dialed.Error.Code);
        Assert.Contains(peer.Host.PeerId.ToString(), dialed.Error.Message, StringComparison.Ordinal);
        Assert.Equal([peer.Host.PeerId], node.Host.BlockedPeers);
    }

    [Fact]
    public async Task A_blocked_peer_that_dials_is_dropped_after_the_handshake_names_it_and_others_are_still_served()
    {
        await using var node = await LoggedHost.ListenAsync();
        await using var blocked = await LoggedHost.ListenAsync();
        await node.Host.Block(blocked.Host.PeerId);

        var ping = await blocked.Host.PingAsync(node.Address, Soon);

        Assert.True(ping.IsFailure);
        await node.WaitForLogAsync(l => l.Contains("PEER_BLOCKED", StringComparison.Ordinal) || l.Contains("is blocked", StringComparison.Ordinal));
        await LoggedHost.WaitUntilAsync(() => node.Host.Connections.Count == 0 && blocked.Host.Connections.Count == 0);
        await using var other = LoggedHost.Dialer();
        Assert.True((await other.Host.PingAsync(node.Address, Soon)).IsSuccess);
    }

    [Fact]
    public async Task An_unblocked_peer_connects_again()
    {
        await using var node = await LoggedHost.ListenAsync();
        await using var peer = await LoggedHost.ListenAsync();
        await node.Host.Block(peer.Host.PeerId);
        Assert.True((await peer.Host.PingAsync(node.Address, Soon)).IsFailure);

        Assert.True(node.Host.Unblock(peer.Host.PeerId));

        Assert.Empty(node.Host.BlockedPeers);
        Assert.True((await peer.Host.PingAsync(node.Address, Soon)).IsSuccess);
        Assert.True((await node.Host.PingAsync(peer.Address, Soon)).IsSuccess);
        Assert.False(node.Host.Unblock(peer.Host.PeerId));
    }
}
