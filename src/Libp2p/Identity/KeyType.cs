namespace Rapport.Libp2p.Identity;

/// <summary>libp2p key types as numbered in the peer-ids spec.</summary>
public enum KeyType
{
    Rsa = 0,
    Ed25519 = 1,
    Secp256k1 = 2,
    Ecdsa = 3,
}
