using Rapport.Application.Sharing;
using Rapport.Libp2p.Identity;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>Signs with the node's libp2p Ed25519 identity key; verifies libp2p PublicKey-encoded Ed25519 keys.</summary>
public sealed class Ed25519GrantSigner(NodeIdentity identity) : IGrantSigner
{
    private readonly byte[] _publicKey = identity.PublicKey.ToProtobuf();

    public string LocalPeerId { get; } = identity.PeerId.ToString();

    public byte[] PublicKey => [.. _publicKey];

    public byte[] Sign(byte[] message) => identity.Sign(message);

    public bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        var key = Rapport.Libp2p.Identity.PublicKey.Decode(publicKey);
        return key.IsSuccess && key.Value.Verify(message, signature);
    }

    public bool BelongsTo(byte[] publicKey, string peerId)
    {
        var key = Rapport.Libp2p.Identity.PublicKey.Decode(publicKey);
        var id = PeerId.Parse(peerId);
        return key.IsSuccess && id.IsSuccess && id.Value.Matches(key.Value);
    }
}
