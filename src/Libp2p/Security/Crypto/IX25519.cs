namespace Rapport.Libp2p.Security.Crypto;

/// <summary>An X25519 (RFC 7748) implementation: creates private keys that can agree with a peer's public key.</summary>
internal interface IX25519
{
    /// <summary>Short name for diagnostics and benchmark reports.</summary>
    string Name { get; }

    /// <summary>A fresh random private key (e.g. a Noise ephemeral key).</summary>
    X25519PrivateKey Generate();

    /// <summary>Imports a 32-byte private scalar (clamped when used, per RFC 7748 §5).</summary>
    X25519PrivateKey Import(ReadOnlySpan<byte> privateKey);
}
