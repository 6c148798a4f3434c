namespace Rapport.Interop.Tests.Libp2p;

[Collection(JsLibp2pCollection.Name)]
public sealed class JsLibp2pPeerFixtureTests
{
    [Fact]
    public async Task Bad_peer_arguments_fail_start_with_the_peers_own_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => JsLibp2pPeer.StartAsync(new JsLibp2pPeerOptions(SeedHex: "not-hex")));

        Assert.Contains("--seed must be 64 hex characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_gives_a_stable_peer_id_and_dispose_leaves_no_process()
    {
        var options = new JsLibp2pPeerOptions(SeedHex: new string('a', 64));
        var first = await JsLibp2pPeer.StartAsync(options);
        await first.DisposeAsync();
        await using var second = await JsLibp2pPeer.StartAsync(options);

        Assert.True(first.HasExited);
        Assert.Equal(first.PeerId, second.PeerId);
    }
}
