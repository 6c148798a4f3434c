namespace Rapport.Application.Sharing;

/// <summary>
/// The node's identity key as a signer of grants and receipts, and the verifier of other nodes' signatures.
/// Public keys are in the libp2p <c>PublicKey</c> protobuf form that travels on the wire.
/// </summary>
public interface IGrantSigner
{
    /// <summary>This node's peer id (text form).</summary>
    string LocalPeerId { get; }

    /// <summary>This node's public key (libp2p PublicKey protobuf).</summary>
    byte[] PublicKey { get; }

    byte[] Sign(byte[] message);

    /// <summary>False for a malformed key or a signature that does not verify; never throws on bad input.</summary>
    bool Verify(byte[] publicKey, byte[] message, byte[] signature);

    /// <summary>True when the peer id derived from <paramref name="publicKey"/> is <paramref name="peerId"/>.</summary>
    bool BelongsTo(byte[] publicKey, string peerId);
}
