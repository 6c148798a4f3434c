namespace Rapport.Libp2p.Security.Crypto;

/// <summary>Ed25519 (RFC 8032, pure) signature verification.</summary>
internal interface IEd25519Verifier
{
    /// <summary>Short name for diagnostics and benchmark reports.</summary>
    string Name { get; }

    /// <summary>False for a bad signature or a malformed key/signature; never throws for bad input.</summary>
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
