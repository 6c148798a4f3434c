using NSec.Cryptography;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>Ed25519 verification from NSec (libsodium): the node's implementation.</summary>
internal sealed class NSecEd25519Verifier : IEd25519Verifier
{
    public static readonly NSecEd25519Verifier Instance = new();

    private NSecEd25519Verifier()
    {
    }

    public string Name => "NSec 26.4.0 (libsodium)";

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize
        && NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key)
        && key is not null
        && SignatureAlgorithm.Ed25519.Verify(key, message, signature);
}
