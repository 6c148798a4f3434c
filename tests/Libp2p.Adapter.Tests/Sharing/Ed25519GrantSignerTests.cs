using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Libp2p.Identity;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

public sealed class Ed25519GrantSignerTests
{
    private readonly NodeIdentity _identity = NodeIdentity.Generate();

    [Fact]
    public void Signatures_verify_under_the_nodes_libp2p_public_key_and_not_after_tampering()
    {
        var signer = new Ed25519GrantSigner(_identity);
        byte[] message = [1, 2, 3, 4];
        var signature = signer.Sign(message);

        Assert.Equal(64, signature.Length);
        Assert.Equal(_identity.PeerId.ToString(), signer.LocalPeerId);
        Assert.True(signer.Verify(signer.PublicKey, message, signature));
        Assert.False(signer.Verify(signer.PublicKey, [1, 2, 3, 5], signature));
        Assert.False(signer.Verify(NodeIdentity.Generate().PublicKey.ToProtobuf(), message, signature));
    }

    [Fact]
    public void A_key_belongs_only_to_its_own_peer_id()
    {
        var signer = new Ed25519GrantSigner(_identity);

        Assert.True(signer.BelongsTo(signer.PublicKey, _identity.PeerId.ToString()));
        Assert.False(signer.BelongsTo(signer.PublicKey, NodeIdentity.Generate().PeerId.ToString()));
        Assert.False(signer.BelongsTo(signer.PublicKey, "not a peer id"));
    }

    [Fact]
    public void Malformed_keys_and_signatures_are_refused_without_throwing()
    {
        var signer = new Ed25519GrantSigner(_identity);
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var key = new byte[random.Next(0, 48)];
            random.NextBytes(key);
            var signature = new byte[random.Next(0, 80)];
            random.NextBytes(signature);
            Assert.False(signer.Verify(key, [1], signature));
            Assert.False(signer.BelongsTo(key, _identity.PeerId.ToString()));
        }
    }
}
