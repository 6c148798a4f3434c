using System.Security.Cryptography;
using NSec.Cryptography;

namespace Rapport.Libp2p.Identity;

/// <summary>An Ed25519 signing key (RFC 8032) with its public key, on NSec (libsodium).</summary>
public sealed class Ed25519KeyPair
{
    public const int PrivateKeySize = 32;
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;
    private readonly Key _key;

    private Ed25519KeyPair(byte[] privateKey)
    {
        _privateKey = privateKey;
        _key = Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey);
        _publicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The 32-byte seed; treat as secret.</summary>
    public ReadOnlySpan<byte> PrivateKey => _privateKey;

    public static Ed25519KeyPair Generate() => new(RandomNumberGenerator.GetBytes(PrivateKeySize));

    public static Ed25519KeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException($"an Ed25519 private key is {PrivateKeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        return new Ed25519KeyPair(privateKey.ToArray());
    }

    public byte[] Sign(ReadOnlySpan<byte> message) => Algorithm.Sign(_key, message);

    /// <summary>Verifies with the node's Ed25519 verifier (NSec).</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Security.Crypto.Ed25519Verifiers.Default.Verify(publicKey, message, signature);
}
